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
    // the operator logs every reconcile at INFO (its logback.xml reads TITO_LOG_LEVEL), the
    // in-process API server
    // every request through java.util.logging: the demo prints its own progress, so only warnings
    // are shown
    if (System.getenv("TITO_LOG_LEVEL") == null) {
      System.setProperty("TITO_LOG_LEVEL", "WARN");
    }
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(commandLine().execute(args));
  }
}
