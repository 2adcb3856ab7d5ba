package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A pod's container becomes the podman command line a kubelet's configuration amounts to (no podman needed). */
class PodmanArgsTest {
  private static final Pod GRADING = gradingPod();
  private static final Pod DELIVERY =
      new PodBuilder()
          .withNewMetadata()
          .withName("deliver-1")
          .addToLabels("app.kubernetes.io/component", "delivery")
          .endMetadata()
          .withNewSpec()
          .withVolumes(emptyDir("tmp"))
          .endSpec()
          .build();

  /** One row: a container of a pod, the image's user, and the flags (each group contiguous, in order) podman is given. */
  record Row(
      String what,
      Pod pod,
      String container,
      String imageUser,
      List<List<String>> present,
      List<String> absent) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "the execute step runs the student's code as the pod's user with no network, no capabilities, a read-only root and the class's limits",
            GRADING,
            "execute",
            "1000:100",
            List.of(
                List.of("--network", "none"),
                List.of("--pids-limit", "256"),
                List.of("--user", "1000"),
                List.of("--group-add", "100"),
                List.of("--read-only", "--read-only-tmpfs=false"),
                List.of("--cap-drop", "ALL"),
                List.of("--security-opt", "no-new-privileges"),
                List.of(
                    "--memory", "1073741824", "--memory-swap", "1073741824", "--oom-kill-disable"),
                List.of("--cpus", "1"),
                List.of(
                    "--mount",
                    "type=bind,source=/pods/p/volumes/scratch,destination=/var/run/tito/scratch"),
                List.of("--mount", "type=bind,source=/pods/p/volumes/execute-tmp,destination=/tmp"),
                List.of(
                    "--mount",
                    "type=bind,source=/pods/p/termination/execute,destination=/dev/termination-log"),
                List.of("--workdir", "/var/run/tito/scratch/prepared"),
                List.of(
                    "--entrypoint", json(container(GRADING, "execute").getCommand()), "course:1")),
            List.of("--volume", "bridge")),
        new Row(
            "the trusted prepare step has a read-only root without podman's own tmpfs, and read-only secrets",
            GRADING,
            "prepare",
            "65532:65532",
            List.of(
                List.of("--network", "none"),
                List.of("--read-only", "--read-only-tmpfs=false"),
                List.of(
                    "--memory", "402653184", "--memory-swap", "402653184", "--oom-kill-disable"),
                List.of(
                    "--mount",
                    "type=bind,source=/pods/p/volumes/gradebook,destination=/var/run/tito/gradebook,ro=true"),
                List.of("--mount", "type=bind,source=/pods/p/volumes/tmp,destination=/tmp"),
                List.of(
                    "--entrypoint", json(container(GRADING, "prepare").getCommand()), "course:1")),
            List.of("--workdir")),
        new Row(
            "a pod that is not a grading Job's keeps the pod network",
            DELIVERY,
            "deliver",
            "65532:65532",
            List.of(List.of("--network", "bridge"), List.of("--hostname", "deliver-1")),
            List.of("--user", "--memory", "--read-only")),
        new Row(
            "arguments without a command keep the image's entrypoint and replace its default arguments",
            DELIVERY,
            "args-only",
            "",
            List.of(List.of("course:1", "lab", "--port=8888")),
            List.of("--entrypoint")),
        new Row(
            "an unconfined seccomp profile is asked for by name",
            DELIVERY,
            "unconfined",
            "",
            List.of(List.of("--security-opt", "seccomp=unconfined")),
            List.of()),
        new Row(
            "a subPath mounts a folder of its volume and a custom termination-message path gets the message file",
            DELIVERY,
            "sub-path",
            "",
            List.of(
                List.of("--mount", "type=bind,source=/pods/p/volumes/tmp/shared,destination=/data"),
                List.of(
                    "--mount",
                    "type=bind,source=/pods/p/termination/sub-path,destination=/tmp/message")),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aContainerBecomesThePodmanRunAKubeletWouldMake(Row row) {
    List<String> args =
        PodmanArgs.of(
            row.pod(),
            container(row.pod(), row.container()),
            run(row.container(), row.imageUser()));

    assertThat(args.subList(0, 6))
        .containsExactly("podman", "--runtime", "runc", "run", "--rm", "--replace");
    for (List<String> group : row.present()) {
      assertThat(Collections.indexOfSubList(args, group))
          .as("%s in %s", group, args)
          .isNotNegative();
    }
    assertThat(args).noneMatch(row.absent()::contains);
  }

  /** One refused container: what it asks, the image's user, and the one line the pod's status shows. */
  record Refusal(String what, Container container, String imageUser, String message) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Refusal> refusals() {
    ContainerBuilder nonRoot =
        new ContainerBuilder()
            .withName("c")
            .withImage("i")
            .withCommand("true")
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .endSecurityContext();
    return Stream.of(
        new Refusal(
            "runAsNonRoot with an image that runs as root",
            nonRoot.build(),
            "",
            "container c: runAsNonRoot and it would run as root (uid 0)"),
        new Refusal(
            "runAsNonRoot with an image user that is a name",
            nonRoot.build(),
            "jovyan",
            "container c: runAsNonRoot and the image's user \"jovyan\" is not numeric: cannot verify it is not root"),
        new Refusal(
            "runAsNonRoot with runAsUser 0",
            new ContainerBuilder(nonRoot.build())
                .editSecurityContext()
                .withRunAsUser(0L)
                .endSecurityContext()
                .build(),
            "1000",
            "container c: runAsNonRoot and it would run as root (uid 0)"),
        new Refusal(
            "a privileged container",
            new ContainerBuilder()
                .withName("c")
                .withImage("i")
                .withNewSecurityContext()
                .withPrivileged(true)
                .endSecurityContext()
                .build(),
            "",
            "container c: privileged containers are not run here"),
        new Refusal(
            "a Localhost seccomp profile",
            new ContainerBuilder()
                .withName("c")
                .withImage("i")
                .withNewSecurityContext()
                .withNewSeccompProfile()
                .withType("Localhost")
                .withLocalhostProfile("p.json")
                .endSeccompProfile()
                .endSecurityContext()
                .build(),
            "",
            "container c: seccomp profile Localhost is not supported here"),
        new Refusal(
            "a volume the pod does not declare",
            new ContainerBuilder()
                .withName("c")
                .withImage("i")
                .addNewVolumeMount()
                .withName("nowhere")
                .withMountPath("/x")
                .endVolumeMount()
                .build(),
            "",
            "container c mounts volume \"nowhere\", which the pod does not declare"),
        new Refusal(
            "an environment variable from the API",
            new ContainerBuilder()
                .withName("c")
                .withImage("i")
                .addNewEnv()
                .withName("POD")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .build(),
            "",
            "env POD: valueFrom cannot be resolved locally"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aContainerThisKubeletCannotRunIsRefusedWithOneLine(Refusal refusal) {
    Pod pod =
        new PodBuilder(DELIVERY).editSpec().withContainers(refusal.container()).endSpec().build();

    assertThatThrownBy(() -> PodmanArgs.of(pod, refusal.container(), run("c", refusal.imageUser())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(refusal.message());
  }

  private static PodmanArgs.Run run(String container, String imageUser) {
    Map<String, Path> volumes =
        Stream.of("release", "gradebook", "submission", "scratch", "tmp", "execute-tmp")
            .collect(Collectors.toMap(v -> v, v -> Path.of("/pods/p/volumes/" + v)));
    return new PodmanArgs.Run(
        "runc",
        "tito_p_" + container,
        "course:1",
        imageUser,
        "/tito-demo/p/" + container,
        volumes,
        Path.of("/pods/p/termination/" + container),
        256);
  }

  private static Container container(Pod pod, String name) {
    PodSpec spec = pod.getSpec();
    return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The operator's own grading pod for one submission, with the CRD's default limits. */
  private static Pod gradingPod() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "course:1";
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("tensors");
    assignment.setSpec(new AssignmentSpec());
    Submission submission = new Submission();
    submission.getMetadata().setName("tensors-ada");
    submission.getMetadata().setNamespace("ml");
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = "tensors-ada";
    var job =
        GradingJob.desired(
            new GradingJob.Inputs(
                submission,
                assignment,
                classroom,
                "abc",
                List.of("tensors-release-abc-0"),
                List.of("01_tensor.ipynb"),
                0,
                1,
                "tito-operator:1",
                null));
    return new PodBuilder()
        .withMetadata(job.getSpec().getTemplate().getMetadata())
        .editMetadata()
        .withName("tensors-ada-1")
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static String json(List<String> words) {
    try {
      return new ObjectMapper().writeValueAsString(words);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static {
    DELIVERY
        .getSpec()
        .setContainers(
            List.of(
                new ContainerBuilder()
                    .withName("deliver")
                    .withImage("tito-operator:1")
                    .withCommand("tito", "job", "deliver")
                    .build(),
                new ContainerBuilder()
                    .withName("args-only")
                    .withImage("course:1")
                    .withArgs("lab", "--port=8888")
                    .build(),
                new ContainerBuilder()
                    .withName("unconfined")
                    .withImage("course:1")
                    .withNewSecurityContext()
                    .withNewSeccompProfile()
                    .withType("Unconfined")
                    .endSeccompProfile()
                    .endSecurityContext()
                    .build(),
                new ContainerBuilder()
                    .withName("sub-path")
                    .withImage("course:1")
                    .withTerminationMessagePath("/tmp/message")
                    .addNewVolumeMount()
                    .withName("tmp")
                    .withMountPath("/data")
                    .withSubPath("shared")
                    .endVolumeMount()
                    .build()));
  }
}
