package dev.tito.demo;

import dev.tito.cli.Tito;
import picocli.CommandLine;

/** The {@code tito} command line with {@code tito demo} added: the main class of {@code demo/target/tito-demo.jar}. */
public final class TitoWithDemo {
  private TitoWithDemo() {}

  /** {@code tito} and its subcommands, plus {@code demo}, whose Jobs run {@code tito} through this same class. */
  public static CommandLine commandLine() {
    CommandLine commandLine = Tito.commandLine();
    commandLine.addSubcommand("demo", new DemoCommand(TitoWithDemo.class.getName()));
    return commandLine;
  }

  public static void main(String[] args) {
    // the in-process API server and the operator log every request and reconcile: the demo prints its own progress
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(commandLine().execute(args));
  }
}
