package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.classroom.OperatorOnMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@code kubectl get submissions} shows of a queued submission, from the CRD's printer columns. */
class SubmissionStatusOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @BeforeAll
  static void installCrds() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
  }

  @Test
  void kubectlShowsWhatAQueuedSubmissionWaitsForAndUntilWhen(@TempDir Path home) throws Exception {
    queued("ada-1", SubmissionWait.RetryTime, "2026-03-01T12:00:10Z", null);
    queued("bob-1", SubmissionWait.QueuePlace, null, 4);

    List<String> table = kubectl(home, "get", "submissions", "-n", api.namespace());
    List<String> wide = kubectl(home, "get", "submissions", "-n", api.namespace(), "-o", "wide");

    assertThat(table.get(0))
        .contains("PHASE", "WAITING FOR", "NOT BEFORE")
        .doesNotContain("POSITION");
    // the generator orders the columns by their JSON path (fabric8io/kubernetes-client#7454)
    assertThat(table)
        .anyMatch(l -> l.matches("ada-1 .* 2026-03-01T12:00:10Z +Queued +RetryTime"))
        .anyMatch(l -> l.matches("bob-1 .* Queued +QueuePlace"));
    assertThat(wide.get(0)).contains("POSITION");
    assertThat(wide).anyMatch(l -> l.matches("bob-1 .* Queued +4 +QueuePlace"));
  }

  private static void queued(
      String name, SubmissionWait waitingFor, String notBefore, Integer position) {
    Submission created =
        api.admin()
            .resource(GradedSubmissions.adasSubmission(api.namespace(), "m1", name))
            .create();
    created.setStatus(new SubmissionStatus());
    created.getStatus().phase = SubmissionPhase.Queued;
    created.getStatus().waitingFor = waitingFor;
    created.getStatus().notBefore = notBefore;
    created.getStatus().queuePosition = position;
    api.admin().resource(created).updateStatus();
  }

  private static List<String> kubectl(Path home, String... args) throws Exception {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, api.controlPlane().adminKubeconfig());
    List<String> command =
        new ArrayList<>(
            List.of(
                RealApiServer.binariesOrSkip().folder().resolve("kubectl").toString(),
                "--kubeconfig",
                kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
