package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.StudentNames;
import dev.tito.operator.classroom.StudentServer;
import dev.tito.operator.cluster.Owners;
import dev.tito.operator.cluster.ReleaseNames;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job that copies one revision of an Assignment's release into one student's home volume, as
 * docs/grading-jobs.md fixes it: {@code tito job deliver} in the operator image, no service-account token.
 */
final class DeliveryJob {
  static final String COMPONENT = "delivery";

  /** Selects the delivery Jobs of every Assignment (grading Jobs are another component). */
  static final String SELECTOR =
      ClassroomLabels.ASSIGNMENT + "," + ClassroomLabels.COMPONENT + "=" + COMPONENT;

  /** Which try of this student's delivery of this revision the Job is (1, 2, ...): failures are retried. */
  static final String ATTEMPT = "tito.dev/attempt";

  static final String RELEASE_PATH = "/var/run/tito/release";
  static final String HOME_PATH = "/home/student";
  static final int BACKOFF_LIMIT = 3;
  static final long DEADLINE_SECONDS = 300;

  private DeliveryJob() {}

  /** {@code deliver-<first 10 hex of sha256(asg/revision/student)>}: one name per (assignment, revision, student). */
  static String name(String assignment, String revision, String student) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (assignment + "/" + revision + "/" + student).getBytes(StandardCharsets.UTF_8));
      return "deliver-" + HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The delivery Job of {@code revision} (stored in {@code releaseConfigMaps}) to {@code student}; pinned to the node
   * of the student's server when it runs, since the home volume attaches to one node only.
   */
  static Job desired(
      Assignment assignment,
      Classroom classroom,
      String revision,
      List<String> releaseConfigMaps,
      String student,
      int attempt,
      boolean serverRunning,
      String image) {
    String asg = assignment.getMetadata().getName();
    Map<String, String> labels = labels(assignment, classroom, revision, student);
    return new JobBuilder()
        .withNewMetadata()
        .withName(name(asg, revision, student))
        .withNamespace(assignment.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(Map.of(ATTEMPT, Integer.toString(attempt)))
        .withOwnerReferences(Owners.of(assignment))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(BACKOFF_LIMIT)
        .withActiveDeadlineSeconds(DEADLINE_SECONDS)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withAffinity(serverRunning ? nextToServer(classroom, student) : null)
        .withSecurityContext(StudentServer.podSecurity(classroom.getSpec().environment))
        .withContainers(container(asg, revision, image))
        .withVolumes(volumes(classroom, student, releaseConfigMaps))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(String asg, String revision, String image) {
    return new ContainerBuilder()
        .withName("deliver")
        .withImage(image)
        .withCommand(
            "tito",
            "job",
            "deliver",
            "--release",
            RELEASE_PATH,
            "--home",
            HOME_PATH,
            "--assignment",
            asg,
            "--revision",
            revision)
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("192Mi")))
        .withLimits(
            Map.of(
                "cpu",
                new Quantity("1"),
                "memory",
                new Quantity("384Mi"),
                "ephemeral-storage",
                new Quantity("64Mi")))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("release")
        .withMountPath(RELEASE_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("home")
        .withMountPath(HOME_PATH)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  private static List<Volume> volumes(
      Classroom classroom, String student, List<String> releaseConfigMaps) {
    return List.of(
        ReleaseNames.volume("release", releaseConfigMaps),
        new VolumeBuilder()
            .withName("home")
            .withNewPersistentVolumeClaim()
            .withClaimName(StudentNames.home(classroom, student))
            .endPersistentVolumeClaim()
            .build(),
        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
  }

  private static Map<String, String> labels(
      Assignment assignment, Classroom classroom, String revision, String student) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClassroomLabels.MANAGED_BY, ClassroomLabels.OPERATOR);
    labels.put(ClassroomLabels.CLASSROOM, classroom.getMetadata().getName());
    labels.put(ClassroomLabels.ASSIGNMENT, assignment.getMetadata().getName());
    labels.put(ClassroomLabels.STUDENT, student);
    labels.put(ClassroomLabels.COMPONENT, COMPONENT);
    labels.put(ReleaseNames.REVISION, revision);
    return labels;
  }

  /** Required: on the node where the student's server pod runs. */
  private static Affinity nextToServer(Classroom classroom, String student) {
    return new AffinityBuilder()
        .withNewPodAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNewLabelSelector()
        .withMatchLabels(ClassroomLabels.serverSelector(classroom, student))
        .endLabelSelector()
        .withTopologyKey("kubernetes.io/hostname")
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endPodAffinity()
        .build();
  }
}
