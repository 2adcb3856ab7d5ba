package dev.tito.cli.job;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tito job deliver}, the delivery Job's one container: copies a released revision into the student's
 * home under {@code assignments/<assignment>/} without ever overwriting the student's work.
 */
@Command(
    name = "deliver",
    mixinStandardHelpOptions = true,
    description = {
      "Write the release into <home>/assignments/<assignment>/: a file that differs from the student's "
          + "goes beside it as <stem>.<revision><ext>; .tito-delivered last.",
      "Exit 0 done, 2 I/O error or bad flags."
    })
final class DeliverStep implements Callable<Integer> {
  /** Kubernetes object names and revision hashes: safe as one path segment. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  @Spec CommandSpec spec;

  @Option(
      names = "--release",
      required = true,
      paramLabel = "DIR",
      description = "the student release's files")
  Path release;

  @Option(
      names = "--home",
      required = true,
      paramLabel = "DIR",
      description = "the student's home volume")
  Path home;

  @Option(
      names = "--assignment",
      required = true,
      paramLabel = "NAME",
      description = "the assignment (module)")
  String assignment;

  @Option(
      names = "--revision",
      required = true,
      paramLabel = "REV",
      description = "the released revision")
  String revision;

  @Override
  public Integer call() {
    for (String[] value : new String[][] {{"--assignment", assignment}, {"--revision", revision}}) {
      if (!NAME.matcher(value[1]).matches()) {
        throw new ParameterException(
            spec.commandLine(),
            value[0]
                + " must be a name of letters, digits, '.', '_' "
                + "and '-', not '"
                + value[1]
                + "'");
      }
    }
    MountedFiles files = MountedFiles.read(JobInputs.folder(release, "release"));
    HomeDelivery.Report report =
        new HomeDelivery(home.resolve("assignments").resolve(assignment), revision).deliver(files);
    spec.commandLine()
        .getOut()
        .println("tito: delivered " + assignment + " " + revision + ": " + report);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
