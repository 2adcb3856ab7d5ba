package dev.tito.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code podman run} command line for one container of a pod, as a kubelet would configure it: a pure function of
 * the pod, the container and where its volumes are on this machine.
 */
final class PodmanArgs {
  /** Exit code with which the podman client reports its own failure (bad image, bad option), not the container's. */
  static final int PODMAN_ERROR = 125;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the kubelet decided for one container, beyond its pod's spec.
   *
   * @param runtime podman's OCI runtime (runc here: crun refuses a hybrid cgroup layout)
   * @param name the container's name in podman
   * @param image the image to run, from podman's store
   * @param imageUser the image's user ({@code Config.User}): who runs when the pod does not say
   * @param cgroupParent the cgroup the container's own goes under (where the kubelet watches for OOM)
   * @param volumes each volume's local folder, by name
   * @param terminationMessage the local file bound at the container's termination-message path
   * @param pidsLimit the node's limit of processes per container
   */
  record Run(
      String runtime,
      String name,
      String image,
      String imageUser,
      String cgroupParent,
      Map<String, Path> volumes,
      Path terminationMessage,
      long pidsLimit) {}

  private PodmanArgs() {}

  /**
   * The whole command line.
   *
   * @throws IllegalArgumentException when the container asks what this kubelet does not do, or runAsNonRoot would run as root
   */
  static List<String> of(Pod pod, Container container, Run run) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "podman",
                "--runtime",
                run.runtime(),
                "run",
                "--rm",
                "--replace",
                "--name",
                run.name(),
                "--hostname",
                pod.getMetadata().getName(),
                "--cgroup-parent",
                run.cgroupParent(),
                "--network",
                grading(pod) ? "none" : "bridge",
                "--pids-limit",
                Long.toString(run.pidsLimit())));
    args.addAll(security(pod.getSpec().getSecurityContext(), container, run.imageUser()));
    args.addAll(resources(container));
    args.addAll(mounts(container, run));
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null) {
        throw new IllegalArgumentException(
            "env " + variable.getName() + ": valueFrom cannot be resolved locally");
      }
      args.addAll(
          List.of(
              "--env",
              variable.getName() + "=" + Objects.requireNonNullElse(variable.getValue(), "")));
    }
    if (container.getWorkingDir() != null) {
      args.addAll(List.of("--workdir", container.getWorkingDir()));
    }
    // a command replaces the image's entrypoint and its default arguments, as in Kubernetes
    if (!container.getCommand().isEmpty()) {
      args.addAll(List.of("--entrypoint", json(container.getCommand())));
    }
    args.add(run.image());
    args.addAll(container.getArgs());
    return args;
  }

  /** Grading pods (the operator's label) run student code: no network at all, as the grading NetworkPolicy intends. */
  static boolean grading(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && GradingJob.COMPONENT.equals(labels.get(ClassroomLabels.COMPONENT));
  }

  /** The container's securityContext over the pod's, as the kubelet merges them. */
  private static List<String> security(
      PodSecurityContext pod, Container container, String imageUser) {
    PodSecurityContext podContext = pod == null ? new PodSecurityContext() : pod;
    SecurityContext own =
        container.getSecurityContext() == null
            ? new SecurityContext()
            : container.getSecurityContext();
    if (Boolean.TRUE.equals(own.getPrivileged())) {
      throw new IllegalArgumentException(
          "container " + container.getName() + ": privileged containers are not run here");
    }
    Long user = first(own.getRunAsUser(), podContext.getRunAsUser());
    Long group = first(own.getRunAsGroup(), podContext.getRunAsGroup());
    if (Boolean.TRUE.equals(first(own.getRunAsNonRoot(), podContext.getRunAsNonRoot()))) {
      requireNonRoot(container.getName(), user, imageUser);
    }
    List<String> args = new ArrayList<>();
    if (user != null) {
      args.addAll(List.of("--user", user + (group == null ? "" : ":" + group)));
    } else if (group != null) {
      throw new IllegalArgumentException(
          "container "
              + container.getName()
              + ": runAsGroup without runAsUser is not supported here");
    }
    if (podContext.getFsGroup() != null) {
      args.addAll(List.of("--group-add", podContext.getFsGroup().toString()));
    }
    podContext
        .getSupplementalGroups()
        .forEach(extra -> args.addAll(List.of("--group-add", extra.toString())));
    if (Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
      // podman would add its own tmpfs on /tmp, /run and /var/tmp; a kubelet adds none
      args.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
    }
    Capabilities capabilities = own.getCapabilities();
    if (capabilities != null) {
      capabilities.getDrop().forEach(cap -> args.addAll(List.of("--cap-drop", cap)));
      capabilities.getAdd().forEach(cap -> args.addAll(List.of("--cap-add", cap)));
    }
    if (Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
      args.addAll(List.of("--security-opt", "no-new-privileges"));
    }
    args.addAll(
        seccomp(
            container.getName(), first(own.getSeccompProfile(), podContext.getSeccompProfile())));
    return args;
  }

  /** The kubelet's check: a non-root pod's user is known and not 0, else the container is not created. */
  private static void requireNonRoot(String container, Long user, String imageUser) {
    String image = imageUser == null || imageUser.isEmpty() ? "0" : imageUser.split(":", 2)[0];
    if (user == null && !image.matches("\\d+")) {
      throw new IllegalArgumentException(
          "container "
              + container
              + ": runAsNonRoot and the image's user \""
              + image
              + "\" is not numeric: cannot verify it is not root");
    }
    if ((user != null ? user : Long.parseLong(image)) == 0) {
      throw new IllegalArgumentException(
          "container " + container + ": runAsNonRoot and it would run as root (uid 0)");
    }
  }

  /** RuntimeDefault and unset are podman's default profile (a kubelet with --seccomp-default); Localhost is not supported. */
  private static List<String> seccomp(String container, SeccompProfile profile) {
    if (profile == null || "RuntimeDefault".equals(profile.getType())) {
      return List.of();
    }
    if ("Unconfined".equals(profile.getType())) {
      return List.of("--security-opt", "seccomp=unconfined");
    }
    throw new IllegalArgumentException(
        "container "
            + container
            + ": seccomp profile "
            + profile.getType()
            + " is not supported here");
  }

  /** Limits as the cgroup enforces them: memory without swap (the kubelet's node has none), CPU as a quota. */
  private static List<String> resources(Container container) {
    Map<String, Quantity> limits =
        container.getResources() == null ? null : container.getResources().getLimits();
    List<String> args = new ArrayList<>();
    if (limits == null) {
      return args;
    }
    Quantity memory = limits.get("memory");
    if (memory != null) {
      String bytes = Quantity.getAmountInBytes(memory).toBigInteger().toString();
      // stuck at the limit rather than one process killed: the kubelet then kills the whole
      // container and says OOMKilled
      args.addAll(List.of("--memory", bytes, "--memory-swap", bytes, "--oom-kill-disable"));
    }
    Quantity cpu = limits.get("cpu");
    if (cpu != null) {
      args.addAll(
          List.of("--cpus", Quantity.getAmountInBytes(cpu).stripTrailingZeros().toPlainString()));
    }
    return args;
  }

  private static List<String> mounts(Container container, Run run) {
    List<String> args = new ArrayList<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path folder = run.volumes().get(mount.getName());
      if (folder == null) {
        throw new IllegalArgumentException(
            "container "
                + container.getName()
                + " mounts volume \""
                + mount.getName()
                + "\", which the pod does not declare");
      }
      String subPath = mount.getSubPath();
      Path source = subPath == null || subPath.isEmpty() ? folder : folder.resolve(subPath);
      args.addAll(
          List.of(
              "--mount",
              bind(source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly()))));
    }
    String messagePath =
        Objects.requireNonNullElse(container.getTerminationMessagePath(), "/dev/termination-log");
    args.addAll(List.of("--mount", bind(run.terminationMessage(), messagePath, false)));
    return args;
  }

  private static String bind(Path source, String target, boolean readOnly) {
    if (source.toString().contains(",") || target.contains(",")) {
      throw new IllegalArgumentException(
          "a mount path with a comma cannot be given to podman: " + source + " -> " + target);
    }
    return "type=bind,source=" + source + ",destination=" + target + (readOnly ? ",ro=true" : "");
  }

  /** A JSON array of strings: podman's form of an entrypoint with arguments. */
  private static String json(List<String> words) {
    try {
      return JSON.writeValueAsString(words);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  private static <T> T first(T own, T pod) {
    return own != null ? own : pod;
  }
}
