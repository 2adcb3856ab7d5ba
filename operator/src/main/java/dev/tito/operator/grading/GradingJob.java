package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.notebook.execute.ExecuteCommand;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.cluster.Durations;
import dev.tito.operator.cluster.Owners;
import dev.tito.operator.cluster.ReleaseNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The grading Job of docs/grading-jobs.md for one attempt at one submission: a pure function of its inputs. */
public final class GradingJob {
  public static final String COMPONENT = ClassroomLabels.GRADING_COMPONENT;
  public static final String SUBMISSION = "tito.dev/submission";
  public static final String KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";
  public static final String SELECTOR = ClassroomLabels.COMPONENT + "=" + COMPONENT;
  static final String PREPARE = "prepare";
  static final String EXECUTE = "execute";
  static final String SCORE = "score";
  static final int TTL_SECONDS = 600;
  private static final String RELEASE = "/var/run/tito/release";
  private static final String GRADEBOOK = "/var/run/tito/gradebook";
  private static final String SUBMITTED = "/var/run/tito/submission";
  private static final String SCRATCH = "/var/run/tito/scratch";
  private static final String EXECUTE_TMP = "execute-tmp";
  private static final int NAME_PREFIX = 40;

  /**
   * What one Job is made of.
   *
   * @param revision the Assignment's released revision
   * @param releaseConfigMaps every {@code <asg>-release-<rev>-<n>} ConfigMap
   * @param notebooks notebooks of the release the student handed in (file names), in order
   * @param jobImage the operator's image (prepare and score)
   * @param priorityClass grading pods' PriorityClass, or null
   */
  public record Inputs(
      Submission submission,
      Assignment assignment,
      Classroom classroom,
      String revision,
      List<String> releaseConfigMaps,
      List<String> notebooks,
      int round,
      int attempt,
      String jobImage,
      String priorityClass) {}

  private GradingJob() {}

  /** {@code <submission, cut to 40>-<6 hex of sha256(namespace/name/uid)>-<round>-<attempt>}: the same after a restart. */
  public static String name(Submission submission, int round, int attempt) {
    String name = submission.getMetadata().getName();
    String cut = name.length() > NAME_PREFIX ? name.substring(0, NAME_PREFIX) : name;
    String key =
        submission.getMetadata().getNamespace()
            + "/"
            + name
            + "/"
            + submission.getMetadata().getUid();
    return cut + "-" + sha256(key).substring(0, 6) + "-" + round + "-" + attempt;
  }

  public static Job desired(Inputs in) {
    GradingDefaults grading = settings(in.classroom());
    Map<String, String> labels = labels(in);
    Map<String, String> jobLabels = new LinkedHashMap<>(labels);
    if (grading.queue != null) {
      jobLabels.put(KUEUE_QUEUE, grading.queue);
    }
    return new JobBuilder()
        .withNewMetadata()
        .withName(name(in.submission(), in.round(), in.attempt()))
        .withNamespace(in.submission().getMetadata().getNamespace())
        .withLabels(jobLabels)
        // no blockOwnerDeletion: a real API server allows it only to who may update
        // submissions/finalizers
        .withOwnerReferences(Owners.of(in.submission()))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(
            Durations.parse("spec.grading.timeout", grading.timeout).toSeconds())
        .withTtlSecondsAfterFinished(TTL_SECONDS)
        .withSuspend(grading.queue != null ? true : null)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(pod(in, grading))
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The Classroom's grading settings, or the CRD's defaults when the section is absent. */
  public static GradingDefaults settings(Classroom classroom) {
    return classroom.getSpec().grading != null
        ? classroom.getSpec().grading
        : new GradingDefaults();
  }

  private static Map<String, String> labels(Inputs in) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClassroomLabels.MANAGED_BY, ClassroomLabels.OPERATOR);
    labels.put(ClassroomLabels.CLASSROOM, in.classroom().getMetadata().getName());
    labels.put(ClassroomLabels.ASSIGNMENT, in.assignment().getMetadata().getName());
    labels.put(ClassroomLabels.STUDENT, in.submission().getSpec().student);
    labels.put(ClassroomLabels.COMPONENT, COMPONENT);
    labels.put(SUBMISSION, in.submission().getMetadata().getName());
    return labels;
  }

  private static PodSpec pod(Inputs in, GradingDefaults grading) {
    ResourceRequirements executeResources = executeResources(grading);
    List<Container> init = new ArrayList<>();
    init.add(prepare(in));
    if (!in.notebooks().isEmpty()) {
      // nothing handed in is nothing to execute: score then marks every test as not run
      init.add(execute(in, grading, executeResources));
    }
    var environment = in.classroom().getSpec().environment;
    return new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withPriorityClassName(in.priorityClass())
        .withNodeSelector(grading.nodeSelector)
        .withTolerations(grading.tolerations)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(environment.runAsUser)
        .withFsGroup(environment.fsGroup)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withInitContainers(init)
        .withContainers(score(in))
        .withVolumes(volumes(in, workSize(executeResources)))
        .build();
  }

  private static ResourceRequirements executeResources(GradingDefaults grading) {
    if (grading.resources != null) {
      return grading.resources;
    }
    return new ResourceRequirementsBuilder()
        .withLimits(
            Map.of(
                "cpu",
                new Quantity("1"),
                "memory",
                new Quantity("1Gi"),
                "ephemeral-storage",
                new Quantity("1Gi")))
        .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
        .build();
  }

  /** The size of the scratch and the execute step's /tmp: the execute step's ephemeral storage. */
  private static Quantity workSize(ResourceRequirements executeResources) {
    Map<String, Quantity> limits = executeResources.getLimits();
    return limits != null && limits.get("ephemeral-storage") != null
        ? limits.get("ephemeral-storage")
        : new Quantity("1Gi");
  }

  private static Container prepare(Inputs in) {
    return trusted(
        in,
        PREPARE,
        List.of(
            "--gradebook",
            GRADEBOOK + "/gradebook.json",
            "--assignment",
            in.assignment().getMetadata().getName(),
            "--submission",
            SUBMITTED,
            "--release",
            RELEASE,
            "--work",
            SCRATCH),
        List.of(
            mount("gradebook", GRADEBOOK),
            mount("submission", SUBMITTED),
            mount("release", RELEASE)));
  }

  private static Container execute(
      Inputs in, GradingDefaults grading, ResourceRequirements executeResources) {
    String image =
        grading.image != null ? grading.image : in.classroom().getSpec().environment.image;
    return new ContainerBuilder()
        .withName(EXECUTE)
        .withImage(image)
        .withCommand(ExecuteCommand.of(SCRATCH, in.notebooks()))
        .withWorkingDir(SCRATCH + "/prepared")
        .withResources(executeResources)
        // read-only root: one notebook's code must not change the Python the next notebook's
        // nbconvert imports
        .withSecurityContext(restricted())
        .withVolumeMounts(writable("scratch", SCRATCH), writable(EXECUTE_TMP, "/tmp"))
        .build();
  }

  private static Container score(Inputs in) {
    return trusted(
        in,
        SCORE,
        List.of(
            "--gradebook",
            GRADEBOOK + "/gradebook.json",
            "--assignment",
            in.assignment().getMetadata().getName(),
            "--student",
            in.submission().getSpec().student,
            "--submission",
            SUBMITTED,
            "--work",
            SCRATCH),
        List.of(mount("gradebook", GRADEBOOK), mount("submission", SUBMITTED)));
  }

  private static List<Volume> volumes(Inputs in, Quantity workSize) {
    String gradebook =
        ReleaseNames.gradebook(in.assignment().getMetadata().getName(), in.revision());
    return List.of(
        ReleaseNames.volume("release", in.releaseConfigMaps()),
        new VolumeBuilder()
            .withName("gradebook")
            .withNewSecret()
            .withSecretName(gradebook)
            .endSecret()
            .build(),
        new VolumeBuilder()
            .withName("submission")
            .withNewConfigMap()
            .withName(in.submission().getSpec().notebookConfigMap)
            .endConfigMap()
            .build(),
        emptyDir("scratch", workSize),
        emptyDir("tmp", null),
        // not the trusted steps' /tmp: nothing student code leaves there reaches them
        emptyDir(EXECUTE_TMP, workSize));
  }

  private static Volume emptyDir(String name, Quantity sizeLimit) {
    return new VolumeBuilder()
        .withName(name)
        .withNewEmptyDir()
        .withSizeLimit(sizeLimit)
        .endEmptyDir()
        .build();
  }

  /** A step of the operator's image: never runs student code, its own /tmp. */
  private static Container trusted(
      Inputs in, String step, List<String> flags, List<VolumeMount> mounts) {
    List<String> command = new ArrayList<>(List.of("tito", "job", step));
    command.addAll(flags);
    List<VolumeMount> all = new ArrayList<>(mounts);
    all.add(writable("scratch", SCRATCH));
    all.add(writable("tmp", "/tmp"));
    return new ContainerBuilder()
        .withName(step)
        .withImage(in.jobImage())
        .withCommand(command)
        .withResources(
            new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("192Mi")))
                .withLimits(
                    Map.of(
                        "cpu",
                        new Quantity("1"),
                        "memory",
                        new Quantity("384Mi"),
                        "ephemeral-storage",
                        new Quantity("64Mi")))
                .build())
        .withSecurityContext(restricted())
        .withVolumeMounts(all)
        .build();
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }

  private static VolumeMount writable(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  private static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
