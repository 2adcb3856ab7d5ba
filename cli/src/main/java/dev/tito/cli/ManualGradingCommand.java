package dev.tito.cli;

import dev.tito.notebook.review.ManualGrading;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tito grades review|set}: a command on a course's or a cluster's manual grades; a mistake the user can fix
 * (unknown module, student or cell, a score out of bounds) is one line and exit code 2.
 */
abstract class ManualGradingCommand implements Callable<Integer>, UsesCluster {
  @Spec CommandSpec spec;

  @Mixin ManualGradingTarget target;

  private ClusterConnection connection = ClusterConnection.KUBECONFIG;

  @Override
  public void connectWith(ClusterConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      int code = target.run(connection, grading -> work(grading, out));
      out.flush();
      return code;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    }
  }

  /** The command's own work; returns the exit code. */
  abstract int work(ManualGrading grading, PrintWriter out);
}
