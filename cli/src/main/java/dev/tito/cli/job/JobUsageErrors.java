package dev.tito.cli.job;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A bad flag of a job step is one line on stderr and exit 2, as a Job's log should show it; every other
 * command keeps picocli's message and usage help.
 */
public final class JobUsageErrors implements IParameterExceptionHandler {
  private final IParameterExceptionHandler others;

  public JobUsageErrors(IParameterExceptionHandler others) {
    this.others = others;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) throws Exception {
    CommandLine command = ex.getCommandLine();
    if (!isJobStep(command)) {
      return others.handleParseException(ex, args);
    }
    command.getErr().println("tito: " + command.getCommandSpec().qualifiedName() + ": "
        + ex.getMessage().replace("\r", " ").replace("\n", " "));
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static boolean isJobStep(CommandLine command) {
    for (CommandLine at = command; at != null; at = at.getParent()) {
      if (at.getCommand() instanceof JobCommand) {
        return true;
      }
    }
    return false;
  }
}
