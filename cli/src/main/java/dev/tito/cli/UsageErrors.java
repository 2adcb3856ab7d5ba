package dev.tito.cli;

import dev.tito.cli.job.JobCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A usage error is one line on stderr and exit 2: the command, what is wrong, and the command that shows its
 * help (a job step's line, read in a Job's log, names only the step).
 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    List<String> words =
        new ArrayList<>(Arrays.asList(command.getCommandSpec().qualifiedName().split(" ")));
    words.remove(0);
    StringBuilder line =
        new StringBuilder("tito: ")
            .append(words.isEmpty() ? "" : String.join(" ", words) + ": ")
            .append(UserErrorHandler.oneLine(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ")
          .append(String.join(" or ", unmatched.getSuggestions()))
          .append("?)");
    }
    if (!isJobStep(command)) {
      words.add("--help");
      line.append("; see: ").append(ShellWords.command(words));
    }
    command.getErr().println(line);
    command.getErr().flush();
    return UserErrorHandler.USAGE_OR_IO;
  }

  /** A group command run without its subcommand: its help on stderr, exit 2. */
  static int missingSubcommand(CommandLine command) {
    command.usage(command.getErr());
    command.getErr().flush();
    return UserErrorHandler.USAGE_OR_IO;
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
