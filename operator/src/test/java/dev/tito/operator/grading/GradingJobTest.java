package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.assignment.LatePolicy;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.notebook.execute.ExecuteCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Job of docs/grading-jobs.md, field by field, and the operator's own lateness. */
class GradingJobTest {

  @Test
  void theJobHasTheContractsNameOwnerDeadlineAndThreeSteps() {
    Job job = GradingJob.desired(inputs(classroom(null), List.of("01_tensor.ipynb")));

    assertThat(job.getMetadata().getName())
        .as("cut to 40 characters")
        .matches("a-rather-long-submission-name-that-goes--[0-9a-f]{6}-2-3");
    assertThat(job.getMetadata().getName()).isEqualTo(GradingJob.name(submission(), 2, 3));
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Submission");
              assertThat(o.getController()).isTrue();
            });
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "grading")
        .containsEntry("tito.dev/submission", submission().getMetadata().getName())
        .containsEntry("tito.dev/student", "ada")
        .containsEntry("tito.dev/classroom", "course")
        .containsEntry("tito.dev/assignment", "m1")
        .containsEntry("app.kubernetes.io/managed-by", "tito-operator");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getSpec().getSuspend()).isNull();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getPriorityClassName()).isEqualTo("tito-grading");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(100L);
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("prepare", "execute");
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("score");
    Container prepare = pod.getInitContainers().get(0);
    assertThat(prepare.getImage()).isEqualTo("ghcr.io/tito-dev/tito-operator:1");
    assertThat(prepare.getCommand())
        .containsExactly(
            "tito",
            "job",
            "prepare",
            "--gradebook",
            "/var/run/tito/gradebook/gradebook.json",
            "--assignment",
            "m1",
            "--submission",
            "/var/run/tito/submission",
            "--release",
            "/var/run/tito/release",
            "--work",
            "/var/run/tito/scratch");
    assertThat(prepare.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    Container execute = pod.getInitContainers().get(1);
    assertThat(execute.getImage()).isEqualTo("grader:1");
    assertThat(execute.getWorkingDir()).isEqualTo("/var/run/tito/scratch/prepared");
    assertThat(execute.getCommand())
        .as("the prepared notebooks go to nbconvert through this process, never the kernel's disk")
        .isEqualTo(ExecuteCommand.of("/var/run/tito/scratch", List.of("01_tensor.ipynb")))
        .startsWith("python3", "-I", "-c")
        .endsWith("/var/run/tito/scratch", "01_tensor.ipynb");
    assertThat(execute.getEnv()).as("the execute step gives nbconvert its home").isEmpty();
    assertThat(execute.getVolumeMounts())
        .as("student code sees only its work folder and a /tmp of its own")
        .extracting(m -> m.getName() + ":" + m.getMountPath())
        .containsExactly("scratch:/var/run/tito/scratch", "execute-tmp:/tmp");
    assertThat(execute.getSecurityContext().getReadOnlyRootFilesystem())
        .as("the course image's Python cannot be changed")
        .isTrue();
    assertThat(execute.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(execute.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(execute.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
    Container score = pod.getContainers().get(0);
    assertThat(score.getCommand())
        .contains("score", "--student", "ada")
        .doesNotContain("--release");
    assertThat(score.getVolumeMounts()).extracting(m -> m.getName()).doesNotContain("release");
    assertThat(pod.getVolumes())
        .extracting(v -> v.getName())
        .containsExactlyInAnyOrder(
            "release", "gradebook", "submission", "scratch", "tmp", "execute-tmp");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("release"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getProjected().getSources())
                    .extracting(s -> s.getConfigMap().getName())
                    .containsExactly("m1-release-abc-0", "m1-release-abc-1"));
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("gradebook"))
        .singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("m1-gradebook-abc"));
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("scratch") || v.getName().equals("execute-tmp"))
        .allSatisfy(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1Gi")))
        .hasSize(2);
  }

  @Test
  void aKueueQueueSuspendsTheJobAndNodeSettingsComeFromTheClass() {
    Classroom classroom = classroom("grading-queue");
    classroom.getSpec().grading.nodeSelector = Map.of("pool", "grading");
    classroom.getSpec().grading.tolerations =
        List.of(new TolerationBuilder().withKey("grading").withOperator("Exists").build());
    Job job = GradingJob.desired(inputs(classroom, List.of()));

    assertThat(job.getSpec().getSuspend()).isTrue();
    assertThat(job.getMetadata().getLabels())
        .containsEntry("kueue.x-k8s.io/queue-name", "grading-queue");
    assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("pool", "grading");
    assertThat(job.getSpec().getTemplate().getSpec().getTolerations())
        .extracting(t -> t.getKey())
        .containsExactly("grading");
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers())
        .as("nothing handed in: nothing executed")
        .extracting(Container::getName)
        .containsExactly("prepare");
  }

  @Test
  void latenessCountsStartedPeriodsFromTheDueDateAndRefusesWithoutAPolicyOrPastTheCutoff() {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("m1");
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().dueAt = "2026-03-01T12:00:00Z";
    Instant due = Instant.parse("2026-03-01T12:00:00Z");

    assertThat(Lateness.of(assignment, due).refusal()).isNull();
    assertThat(Lateness.of(assignment, due.plusSeconds(1)).refusal())
        .contains("accepts no late work");
    assignment.getSpec().latePolicy = new LatePolicy();
    assignment.getSpec().latePolicy.grace = "10m";
    assignment.getSpec().latePolicy.period = "1h";
    assignment.getSpec().latePolicy.penaltyPerPeriod = 1.0;
    assignment.getSpec().latePolicy.cutoff = "5h";
    assertThat(Lateness.of(assignment, due.plusSeconds(600)).penalty(10))
        .as("within the grace")
        .isZero();
    assertThat(Lateness.of(assignment, due.plusSeconds(601)).penalty(10)).isEqualTo(1);
    assertThat(Lateness.of(assignment, due.plusSeconds(3 * 3600 + 1)).penalty(10)).isEqualTo(4);
    assertThat(Lateness.of(assignment, due.plusSeconds(3 * 3600 + 1)).penalty(2.5))
        .as("never below zero")
        .isEqualTo(2.5);
    assertThat(Lateness.of(assignment, due.plusSeconds(5 * 3600 + 1)).refusal())
        .contains("cutoff of 5h");
  }

  private static GradingJob.Inputs inputs(Classroom classroom, List<String> notebooks) {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("m1");
    assignment.setSpec(new AssignmentSpec());
    return new GradingJob.Inputs(
        submission(),
        assignment,
        classroom,
        "abc",
        List.of("m1-release-abc-0", "m1-release-abc-1"),
        notebooks,
        2,
        3,
        "ghcr.io/tito-dev/tito-operator:1",
        "tito-grading");
  }

  /** The class of these tests, graded in image grader:1, through Kueue queue {@code queue} when not null. */
  static Classroom classroom(String queue) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("course");
    classroom.getMetadata().setNamespace("ml");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter:1";
    classroom.getSpec().grading = new GradingDefaults();
    classroom.getSpec().grading.image = "grader:1";
    classroom.getSpec().grading.queue = queue;
    return classroom;
  }

  private static Submission submission() {
    Submission submission = new Submission();
    submission.getMetadata().setName("a-rather-long-submission-name-that-goes-on-and-on");
    submission.getMetadata().setNamespace("ml");
    submission.getMetadata().setUid("uid-1");
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "m1";
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = "files";
    return submission;
  }
}
