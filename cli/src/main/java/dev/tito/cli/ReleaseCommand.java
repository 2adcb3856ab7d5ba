package dev.tito.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tito module release}: placeholder until the engine's ModuleRelease lands. */
@Command(name = "release", mixinStandardHelpOptions = true, description = "Release modules for students.")
final class ReleaseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("not yet");
  }
}
