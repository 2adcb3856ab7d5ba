package dev.tito.cli;

import dev.tito.console.cluster.ApiErrors;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.ipynb.NotebookFormatException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception out of a command into one line on stderr and exit code 2: the message alone for
 * what the user can fix (a bad file, a missing folder), the exception's kind too for anything
 * unexpected, and the stack trace only with {@code --debug}.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  static final int USAGE_OR_IO = 2;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof KubernetesClientException api) {
      err.println("tito: " + ApiErrors.oneLine(api));
    } else if (isUserError(e)) {
      err.println("tito: " + oneLine(e.getMessage()));
    } else {
      err.println(
          "tito: unexpected error: "
              + e.getClass().getSimpleName()
              + ": "
              + oneLine(String.valueOf(e.getMessage()))
              + (debug(parseResult) ? "" : " (run with --debug for the stack trace)"));
    }
    if (debug(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    return USAGE_OR_IO;
  }

  static boolean isUserError(Throwable e) {
    return e instanceof NotebookFormatException
        || e instanceof CourseException
        || e instanceof UncheckedIOException
        || e instanceof LocalJupyter.JupyterMissingException
        || e instanceof ClusterConnection.NoClusterException;
  }

  static String oneLine(String message) {
    return message.replace("\r", " ").replace("\n", " ");
  }

  private static boolean debug(ParseResult parseResult) {
    return parseResult != null && parseResult.expandedArgs().contains("--debug");
  }
}
