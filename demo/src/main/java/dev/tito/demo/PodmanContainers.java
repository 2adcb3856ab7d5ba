package dev.tito.demo;

import dev.tito.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pods' containers run by podman (as root, with runc), configured from the pod's spec by {@link PodmanArgs}: its
 * user, capabilities, seccomp, read-only root, memory, CPU and pids limits, volumes and network. A container stuck at
 * its memory limit is killed whole and reported OOMKilled, as a kubelet does; an emptyDir with a sizeLimit is a tmpfs
 * of that size.
 */
final class PodmanContainers implements Containers {
  /** The images' tag images/build-local.sh gives by default: the chart's appVersion. */
  static final String TAG = "0.1.0";

  /** The image samples/classroom.yaml names: the demo runs the sample course image built here in its place. */
  static final String SAMPLE_CLASSROOM_IMAGE = "quay.io/jupyter/scipy-notebook:python-3.11";

  /** Processes per container, as a kubelet's podPidsLimit: a fork bomb stops there. */
  static final long PIDS_LIMIT = 256;

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  private static final String CGROUP_PARENT = "tito-demo";

  private final String runtime;
  private final Map<String, String> localImages;
  private final Map<String, String> resolved = new ConcurrentHashMap<>();
  private final Map<String, String> imageUsers = new ConcurrentHashMap<>();

  /**
   * @param runtime podman's OCI runtime
   * @param localImages the local image to run for an image a pod names that is not in podman's store
   */
  PodmanContainers(String runtime, Map<String, String> localImages) {
    this.runtime = runtime;
    this.localImages = Map.copyOf(localImages);
  }

  /**
   * The images images/build-local.sh builds ({@code TITO_IMAGE_PREFIX}, {@code TITO_IMAGE_TAG} as there) in place of
   * the operator's local Job image and the sample Classroom's image.
   */
  static Map<String, String> demoImages(Map<String, String> env) {
    String prefix = env.getOrDefault("TITO_IMAGE_PREFIX", "ghcr.io/tito-dev");
    String tag = env.getOrDefault("TITO_IMAGE_TAG", TAG);
    Map<String, String> images = new LinkedHashMap<>();
    images.put(SAMPLE_CLASSROOM_IMAGE, prefix + "/tito-sample-course:" + tag);
    images.put(OperatorConfig.LOCAL_JOB_IMAGE, prefix + "/tito-operator:" + tag);
    return images;
  }

  /**
   * Whether podman can run the demo's pods here: as root, with cgroup v1's memory controller (where OOM is seen),
   * every local image built, and one container run. Empty when it can, else why not (one line).
   */
  Optional<String> probe() {
    try {
      if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
        return Optional.of("podman runs pods only as root here (cgroups and tmpfs volumes)");
      }
      if (!Files.exists(CGROUPS.resolve("memory/memory.oom_control"))) {
        return Optional.of(
            "no cgroup v1 memory controller in " + CGROUPS + " (where the kubelet sees OOM)");
      }
      if (run(List.of("podman", "--version")).exitCode() != 0) {
        return Optional.of("podman is not installed (Debian: apt-get install podman runc)");
      }
      for (String image : localImages.values()) {
        if (run(List.of("podman", "image", "exists", image)).exitCode() != 0) {
          return Optional.of(missingImage(image));
        }
      }
      String any = localImages.values().iterator().next();
      Ran tried =
          run(
              List.of(
                  "podman",
                  "--runtime",
                  runtime,
                  "run",
                  "--rm",
                  "--network",
                  "none",
                  "--entrypoint",
                  "[\"true\"]",
                  any));
      return tried.exitCode() == 0
          ? Optional.empty()
          : Optional.of("podman cannot run a container: " + tried.lastLine());
    } catch (IOException e) {
      return Optional.of(
          "podman is not installed (Debian: apt-get install podman runc): " + e.getMessage());
    }
  }

  /** The name of a pod's container in podman: {@code tito_<namespace>_<pod>_<container>}. */
  static String containerName(String namespace, String pod, String container) {
    return "tito_" + namespace + "_" + pod + "_" + container;
  }

  static String missingImage(String image) {
    return "no image " + image + " in podman's store: build it with images/build-local.sh";
  }

  @Override
  public String how() {
    return "pods in podman containers ("
        + runtime
        + "; "
        + String.join(", ", localImages.values())
        + ")";
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.empty();
  }

  @Override
  public PodContainers open(Pod pod, Map<String, Path> volumes, Path podFolder) throws IOException {
    PodmanPod opened = new PodmanPod(pod, volumes, podFolder);
    try {
      opened.mountVolumes();
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** The image to run: the pod's own when podman has it, else its local stand-in. */
  private String image(String named) throws IOException {
    String found = resolved.get(named);
    if (found != null) {
      return found;
    }
    String local =
        run(List.of("podman", "image", "exists", named)).exitCode() == 0
            ? named
            : localImages.get(named);
    if (local == null || run(List.of("podman", "image", "exists", local)).exitCode() != 0) {
      throw new IllegalArgumentException(missingImage(local == null ? named : local));
    }
    resolved.put(named, local);
    return local;
  }

  private String imageUser(String image) throws IOException {
    String user = imageUsers.get(image);
    if (user == null) {
      user =
          run(List.of("podman", "image", "inspect", "--format", "{{.Config.User}}", image))
              .output()
              .strip();
      imageUsers.put(image, user);
    }
    return user;
  }

  /** One pod's containers: its sized emptyDirs mounted as tmpfs, its cgroups under {@code tito-demo/<namespace>_<pod>}. */
  private final class PodmanPod implements PodContainers {
    private final Pod pod;
    private final Map<String, Path> volumes;
    private final Path podFolder;
    private final String id;
    private final List<Path> tmpfs = new ArrayList<>();

    PodmanPod(Pod pod, Map<String, Path> volumes, Path podFolder) {
      this.pod = pod;
      this.volumes = volumes;
      this.podFolder = podFolder;
      this.id = pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName();
    }

    /** emptyDirs writable by all (as a kubelet makes them), sized ones a tmpfs; claims given to the pod's fsGroup. */
    void mountVolumes() throws IOException {
      Long fsGroup =
          pod.getSpec().getSecurityContext() == null
              ? null
              : pod.getSpec().getSecurityContext().getFsGroup();
      for (Volume volume : pod.getSpec().getVolumes()) {
        Path folder = volumes.get(volume.getName());
        if (volume.getEmptyDir() != null) {
          Quantity size = volume.getEmptyDir().getSizeLimit();
          if (size != null) {
            String bytes = Quantity.getAmountInBytes(size).toBigInteger().toString();
            requireSuccess(
                run(
                    List.of(
                        "mount",
                        "-t",
                        "tmpfs",
                        "-o",
                        "size=" + bytes + ",mode=0777",
                        "tmpfs",
                        folder.toString())),
                "volume " + volume.getName() + ": tmpfs of " + size);
            tmpfs.add(folder);
          }
          Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        } else if (volume.getPersistentVolumeClaim() != null && fsGroup != null) {
          giveToGroup(folder, fsGroup);
        }
      }
    }

    @Override
    public LocalContainer start(Container container, Path log) throws IOException {
      String image = image(container.getImage());
      Path message = LocalContainer.terminationMessage(podFolder, container);
      // any user of the container writes its termination message, as the kubelet's file allows
      Files.setPosixFilePermissions(message, PosixFilePermissions.fromString("rw-rw-rw-"));
      String name =
          containerName(
              pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container.getName());
      String cgroup = "/" + CGROUP_PARENT + "/" + id + "/" + container.getName();
      List<String> command =
          PodmanArgs.of(
              pod,
              container,
              new PodmanArgs.Run(
                  runtime, name, image, imageUser(image), cgroup, volumes, message, PIDS_LIMIT));
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return new LocalContainer(
          container,
          log,
          message,
          process,
          new PodmanControl(name, CGROUPS.resolve("memory" + cgroup)));
    }

    /** Unmounts the tmpfs volumes (their files go with the pod, as an emptyDir's) and removes the pod's cgroups. */
    @Override
    public void close() {
      for (Path folder : tmpfs) {
        try {
          requireSuccess(
              run(List.of("umount", folder.toString())),
              "volume " + folder.getFileName() + ": umount");
        } catch (IOException e) {
          System.err.println("local kubelet: " + e.getMessage());
        }
      }
      try (Stream<Path> controllers = Files.list(CGROUPS)) {
        for (Path controller : controllers.toList()) {
          removeCgroups(controller.resolve(CGROUP_PARENT).resolve(id));
        }
      } catch (IOException e) {
        System.err.println(
            "local kubelet: the cgroups of pod " + id + " were left: " + e.getMessage());
      }
    }
  }

  /** Stops a podman container, and sees it stuck at its memory limit in its cgroup. */
  private final class PodmanControl implements LocalContainer.Control {
    private final String name;
    private final Path memoryCgroupParent;

    PodmanControl(String name, Path memoryCgroupParent) {
      this.name = name;
      this.memoryCgroupParent = memoryCgroupParent;
    }

    @Override
    public boolean outOfMemory() {
      try (Stream<Path> children = Files.list(memoryCgroupParent)) {
        for (Path child :
            children.filter(p -> p.getFileName().toString().startsWith("libpod-")).toList()) {
          if (Files.readString(child.resolve("memory.oom_control")).contains("under_oom 1")) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        // not made yet, or already gone with its container
        return false;
      }
    }

    @Override
    public void kill(Process process) {
      try {
        run(List.of("podman", "kill", "--signal", "KILL", name));
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public int exitCode(int processExit) {
      return processExit == PodmanArgs.PODMAN_ERROR ? LocalContainer.START_ERROR : processExit;
    }
  }

  /** The claim's files given to the group, readable and writable by it, new files inheriting it: the kubelet's fsGroup. */
  private static void giveToGroup(Path folder, long gid) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        Files.setAttribute(path, "unix:gid", (int) gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
        permissions.addAll(
            List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE));
        if (Files.isDirectory(path)) {
          permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
      }
    }
    // Java sets no setgid bit: new files in the claim's folders get its group
    requireSuccess(
        run(List.of("find", folder.toString(), "-type", "d", "-exec", "chmod", "g+s", "{}", "+")),
        "claim " + folder.getFileName() + ": chmod g+s");
  }

  /** Removes a cgroup and the ones under it, deepest first, waiting up to 5 s for conmon, which outlives the container a little. */
  private static void removeCgroups(Path cgroup) throws IOException {
    for (int attempt = 1; Files.isDirectory(cgroup); attempt++) {
      try (Stream<Path> paths = Files.walk(cgroup)) {
        for (Path path :
            paths.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (java.nio.file.FileSystemException busy) {
        if (attempt == 50) {
          throw busy;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw busy;
        }
      }
    }
  }

  private record Ran(int exitCode, String output) {
    String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static void requireSuccess(Ran ran, String what) throws IOException {
    if (ran.exitCode() != 0) {
      throw new IOException(what + " failed: " + ran.lastLine());
    }
  }

  /** Runs a short command and returns its exit code and output (stdout and stderr). */
  private static Ran run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Ran(process.waitFor(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted running " + command.get(0), e);
    }
  }
}
