package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.execute.ExecuteCommand;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local kubelet runs Jobs shaped like docs/grading-jobs.md's as a cluster would, with local processes. */
class LocalKubeletTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final String IMAGE = "tito-operator:test";

  @TempDir static Path folder;
  private static LocalApiServer api;
  private static KubernetesClient client;
  private static LocalKubelet kubelet;

  @BeforeAll
  static void start() {
    api = new LocalApiServer();
    client = api.client();
    kubelet =
        new LocalKubelet(
            client,
            api.logs(),
            folder,
            LocalImages.sameClassPath(ScoreStepStandIn.class.getName()),
            2,
            Duration.ZERO);
    kubelet.start();
  }

  @AfterAll
  static void stop() {
    kubelet.close();
    api.close();
  }

  @Test
  void runsAGradingJobsInitContainersThenScoreAndServesTheScoreLog() {
    String namespace = namespace();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tensors-release-abc-0")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("part1.txt", "released ")
                .build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tensors-release-abc-1")
                .withNamespace(namespace)
                .endMetadata()
                .addToBinaryData("part2.txt", base64("notebook"))
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("tensors-gradebook-abc")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("gradebook.json", base64("{\"tensors\":{}}"))
                .build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ada-1")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("01_tensor.ipynb", "ada's answer")
                .build())
        .create();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "ada-1-0a1b2c-0-1",
                    0,
                    null,
                    List.of(
                        shell(
                            "prepare",
                            "cp /var/run/tito/submission/01_tensor.ipynb /var/run/tito/scratch/prepared.txt"
                                + " && cat /var/run/tito/release/part1.txt /var/run/tito/release/part2.txt /var/run/tito/gradebook/gradebook.json >> /var/run/tito/scratch/prepared.txt",
                            mount("release", "/var/run/tito/release"),
                            mount("gradebook", "/var/run/tito/gradebook"),
                            mount("submission", "/var/run/tito/submission"),
                            mount("scratch", "/var/run/tito/scratch", false)),
                        new ContainerBuilder(
                                shell(
                                    "execute",
                                    "tr a-z A-Z < prepared.txt > /var/run/tito/scratch/executed.txt && echo executed on stdout && echo noise >&2",
                                    mount("scratch", "/var/run/tito/scratch", false)))
                            .withWorkingDir("/var/run/tito/scratch")
                            .build()),
                    List.of(
                        new ContainerBuilder()
                            .withName("score")
                            .withImage(IMAGE)
                            .withCommand(
                                "tito",
                                "job",
                                "score",
                                "--work",
                                "/var/run/tito/scratch",
                                "--termination-log",
                                "/dev/termination-log")
                            .withVolumeMounts(
                                mount("scratch", "/var/run/tito/scratch", false),
                                mount("tmp", "/tmp", false))
                            .build()),
                    List.of(
                        new VolumeBuilder()
                            .withName("release")
                            .withNewProjected()
                            .addNewSource()
                            .withNewConfigMap()
                            .withName("tensors-release-abc-0")
                            .endConfigMap()
                            .endSource()
                            .addNewSource()
                            .withNewConfigMap()
                            .withName("tensors-release-abc-1")
                            .endConfigMap()
                            .endSource()
                            .endProjected()
                            .build(),
                        new VolumeBuilder()
                            .withName("gradebook")
                            .withNewSecret()
                            .withSecretName("tensors-gradebook-abc")
                            .endSecret()
                            .build(),
                        new VolumeBuilder()
                            .withName("submission")
                            .withNewConfigMap()
                            .withName("ada-1")
                            .endConfigMap()
                            .build(),
                        emptyDir("scratch"),
                        emptyDir("tmp"))))
            .create();

    Job done = finished(job);

    assertThat(condition(done)).extracting(JobCondition::getType).isEqualTo("Complete");
    assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
    Pod pod = onlyPodOf(job);
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("batch.kubernetes.io/job-name", "ada-1-0a1b2c-0-1")
        .containsEntry("app.kubernetes.io/component", "grading")
        .containsEntry("tito.dev/submission", "ada-1");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid()));
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(pod.getStatus().getInitContainerStatuses())
        .extracting(s -> s.getState().getTerminated().getReason())
        .containsExactly("Completed", "Completed");
    ContainerStatus score = pod.getStatus().getContainerStatuses().get(0);
    assertThat(score.getState().getTerminated().getExitCode()).isZero();
    assertThat(score.getState().getTerminated().getMessage()).isEqualTo("3/5");
    assertThat(log(pod, "score", 1_048_576))
        .isEqualTo(
            "{\"tito\":\"grading-result\",\"executed\":\"ADA'S ANSWERRELEASED NOTEBOOK{\"TENSORS\":{}}\"}\n");
    assertThat(log(pod, "score", 16)).isEqualTo("{\"tito\":\"grading");
    assertThat(log(pod, "execute", 1_048_576)).contains("executed on stdout", "noise");
  }

  @Test
  void theExecuteStepsCommandRunsTheGradingWorkerOnDebiansJupyterOnTheWorkVolume() {
    String namespace = namespace();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("answer")
                .withNamespace(namespace)
                .endMetadata()
                .addToData(
                    "answer.ipynb",
                    "{\"cells\":[{\"cell_type\":\"code\",\"execution_count\":null,\"id\":\"a\",\"metadata\":{},"
                        + "\"outputs\":[],\"source\":[\"print(6 * 7)\"]}],\"metadata\":{\"kernelspec\":{\"name\":\"python3\","
                        + "\"display_name\":\"Python 3\",\"language\":\"python\"}},\"nbformat\":4,\"nbformat_minor\":5}")
                .build())
        .create();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "jupyter",
                    0,
                    300L,
                    List.of(
                        shell(
                            "prepare",
                            "mkdir -p /var/run/tito/scratch/prepared && touch /var/run/tito/scratch/grading_config.py"
                                + " && cp /var/run/tito/submission/answer.ipynb /var/run/tito/scratch/prepared/",
                            mount("submission", "/var/run/tito/submission"),
                            mount("scratch", "/var/run/tito/scratch", false)),
                        new ContainerBuilder()
                            .withName("execute")
                            .withImage("quay.io/jupyter/scipy-notebook:python-3.11")
                            .withCommand(
                                ExecuteCommand.of("/var/run/tito/scratch", List.of("answer.ipynb")))
                            .withWorkingDir("/var/run/tito/scratch/prepared")
                            .withVolumeMounts(mount("scratch", "/var/run/tito/scratch", false))
                            .build()),
                    List.of(
                        shell(
                            "score",
                            "grep -o '\"42\\\\n\"' /var/run/tito/scratch/executed/answer.ipynb",
                            mount("scratch", "/var/run/tito/scratch", false))),
                    List.of(
                        new VolumeBuilder()
                            .withName("submission")
                            .withNewConfigMap()
                            .withName("answer")
                            .endConfigMap()
                            .build(),
                        emptyDir("scratch"))))
            .create();

    Job done = finished(job);

    Pod pod = onlyPodOf(job);
    assertThat(condition(done).getType())
        .as("execute log: %s", log(pod, "execute", 4096))
        .isEqualTo("Complete");
    assertThat(log(pod, "score", 100)).isEqualTo("\"42\\n\"\n");
  }

  @Test
  void aFailingInitContainerFailsThePodBeforeTheScoreContainerRuns() {
    String namespace = namespace();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "ben-1-000000-0-1",
                    0,
                    null,
                    List.of(shell("execute", "echo kernel died; exit 3")),
                    List.of(shell("score", "echo must not run")),
                    List.of()))
            .create();

    Job done = finished(job);

    Pod pod = onlyPodOf(job);
    KubeletExpectations.failedInItsInitContainer(condition(done), pod, log(pod, "execute", 1024));
  }

  @Test
  void aJobPastItsDeadlineIsKilledAndFailsWithDeadlineExceeded() {
    String namespace = namespace();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "eve-1-000000-0-1",
                    0,
                    1L,
                    List.of(shell("execute", "echo started; sleep 60; echo never")),
                    List.of(shell("score", "true")),
                    List.of()))
            .create();

    Job done = finished(job);

    assertThat(condition(done).getReason()).isEqualTo("DeadlineExceeded");
    Pod pod = onlyPodOf(job);
    assertThat(pod.getStatus().getReason()).isEqualTo("DeadlineExceeded");
    // killed, but no exit code is reported: the operator would read one as the kernel dying rather
    // than a Timeout
    assertThat(pod.getStatus().getInitContainerStatuses().get(0).getState().getTerminated())
        .isNull();
    assertThat(log(pod, "execute", 1024)).isEqualTo("started\n");
  }

  @Test
  void deletingARunningJobKillsItsProcessAndDeletesItsPods() throws Exception {
    String namespace = namespace();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "deleted",
                    0,
                    null,
                    List.of(),
                    List.of(
                        shell(
                            "score",
                            "echo started; sleep 30; touch "
                                + folder.resolve("deleted-job-finished"))),
                    List.of()))
            .create();
    client
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", "deleted")
        .informOnCondition(
            pods ->
                pods.stream()
                    .anyMatch(
                        p ->
                            p.getStatus() != null
                                && !p.getStatus().getContainerStatuses().isEmpty()
                                && p.getStatus()
                                        .getContainerStatuses()
                                        .get(0)
                                        .getState()
                                        .getRunning()
                                    != null))
        .join();

    ProcessHandle container =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains("deleted-job-finished"))
            .findFirst()
            .orElseThrow();

    client.resource(job).delete();

    // polled, not watched: the in-process API's watch does not replay a deletion made between an
    // informer's list and watch
    Instant giveUp = Instant.now().plusSeconds(30);
    while (!client
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", "deleted")
        .list()
        .getItems()
        .isEmpty()) {
      assertThat(Instant.now()).as("pods of the deleted Job still listed").isBefore(giveUp);
      Thread.sleep(50);
    }
    container.onExit().get(30, TimeUnit.SECONDS);
    assertThat(folder.resolve("deleted-job-finished")).doesNotExist();
  }

  @Test
  void anIndexedJobRunsOnePodPerCompletionIndex() {
    String namespace = namespace();
    Job job =
        client
            .resource(
                new JobBuilder(
                        job(
                            namespace,
                            "regrade-batch",
                            0,
                            null,
                            List.of(),
                            List.of(shell("score", "echo index $JOB_COMPLETION_INDEX")),
                            List.of()))
                    .editSpec()
                    .withCompletions(2)
                    .withCompletionMode("Indexed")
                    .endSpec()
                    .build())
            .create();

    Job done = finished(job);

    assertThat(condition(done).getType()).isEqualTo("Complete");
    assertThat(done.getStatus().getSucceeded()).isEqualTo(2);
    assertThat(podsOf(job))
        .extracting(
            pod ->
                pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index")
                    + ": "
                    + log(pod, "score", 100))
        .containsExactlyInAnyOrder("0: index 0\n", "1: index 1\n");
    assertThat(
            client
                .resource(job)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .isEmpty();
  }

  @Test
  void aSuspendedJobRunsOnlyOnceResumed() {
    String namespace = namespace();
    Job suspended =
        client
            .resource(
                new JobBuilder(
                        job(
                            namespace,
                            "queued",
                            0,
                            null,
                            List.of(),
                            List.of(shell("score", "echo ran")),
                            List.of()))
                    .editSpec()
                    .withSuspend(true)
                    .endSpec()
                    .build())
            .create();
    Job other =
        client
            .resource(
                job(
                    namespace,
                    "admitted",
                    0,
                    null,
                    List.of(),
                    List.of(shell("score", "echo ran")),
                    List.of()))
            .create();
    finished(other);

    assertThat(podsOf(suspended)).isEmpty();

    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName("queued")
        .edit(j -> new JobBuilder(j).editSpec().withSuspend(false).endSpec().build());
    assertThat(condition(finished(suspended)).getType()).isEqualTo("Complete");
  }

  @Test
  void aDeliveryJobWritesIntoTheClaimsFolderAndIsRetriedWithinItsBackoffLimit() throws Exception {
    String namespace = namespace();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tensors-release-abc-0")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("01_tensor.ipynb", "{}")
                .build())
        .create();
    // the first pod fails after leaving a mark on the volume; its replacement finds the mark and
    // delivers
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "deliver-0123456789",
                    3,
                    300L,
                    List.of(),
                    List.of(
                        shell(
                            "deliver",
                            "if [ ! -f /home/student/.tried ]; then touch /home/student/.tried; exit 1; fi;"
                                + " mkdir -p /home/student/assignments/tensors && cp /var/run/tito/release/01_tensor.ipynb /home/student/assignments/tensors/",
                            mount("release", "/var/run/tito/release"),
                            mount("home", "/home/student", false))),
                    List.of(
                        new VolumeBuilder()
                            .withName("release")
                            .withNewProjected()
                            .addNewSource()
                            .withNewConfigMap()
                            .withName("tensors-release-abc-0")
                            .endConfigMap()
                            .endSource()
                            .endProjected()
                            .build(),
                        new VolumeBuilder()
                            .withName("home")
                            .withNewPersistentVolumeClaim()
                            .withClaimName("home-ml-ada")
                            .endPersistentVolumeClaim()
                            .build())))
            .create();

    Job done = finished(job);

    assertThat(condition(done).getType()).isEqualTo("Complete");
    assertThat(done.getStatus().getFailed()).isEqualTo(1);
    assertThat(podsOf(job))
        .extracting(p -> p.getStatus().getPhase())
        .containsExactlyInAnyOrder("Failed", "Succeeded");
    assertThat(folder.resolve("homes/home-ml-ada/assignments/tensors/01_tensor.ipynb"))
        .hasContent("{}");
  }

  @Test
  void aPodWaitsForAMissingConfigMapAndRunsOnceItExists() {
    String namespace = namespace();
    Job job =
        client
            .resource(
                job(
                    namespace,
                    "late-release",
                    0,
                    null,
                    List.of(),
                    List.of(
                        shell(
                            "score",
                            "cat /var/run/tito/submission/answer.txt",
                            mount("submission", "/var/run/tito/submission"))),
                    List.of(
                        new VolumeBuilder()
                            .withName("submission")
                            .withNewConfigMap()
                            .withName("later")
                            .endConfigMap()
                            .build())))
            .create();
    Pod waiting =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel("batch.kubernetes.io/job-name", "late-release")
            .informOnCondition(
                pods ->
                    pods.stream()
                        .anyMatch(
                            p ->
                                p.getStatus() != null
                                    && !p.getStatus().getContainerStatuses().isEmpty()
                                    && p.getStatus()
                                            .getContainerStatuses()
                                            .get(0)
                                            .getState()
                                            .getWaiting()
                                        != null
                                    && p.getStatus()
                                            .getContainerStatuses()
                                            .get(0)
                                            .getState()
                                            .getWaiting()
                                            .getMessage()
                                        != null))
            .thenApply(pods -> pods.get(0))
            .join();
    assertThat(
            waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
        .isEqualTo("MountVolume.SetUp failed for volume submission: configmap \"later\" not found");

    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("later")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("answer.txt", "42")
                .build())
        .create();

    assertThat(condition(finished(job)).getType()).isEqualTo("Complete");
    assertThat(log(onlyPodOf(job), "score", 100)).isEqualTo("42");
  }

  @Test
  void studentServersAreReportedReadyAndStoppedOnesLoseTheirPod() {
    String namespace = namespace();
    StatefulSet set =
        client
            .resource(
                new StatefulSetBuilder()
                    .withNewMetadata()
                    .withName("ml-ada")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withServiceName("ml-ada")
                    .withNewSelector()
                    .addToMatchLabels("tito.dev/student", "ada")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("tito.dev/student", "ada")
                    .endMetadata()
                    .withNewSpec()
                    .addToContainers(
                        new ContainerBuilder().withName("jupyter").withImage(IMAGE).build())
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();

    client
        .resource(set)
        .waitUntilCondition(
            s ->
                s.getStatus() != null
                    && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()),
            30,
            TimeUnit.SECONDS);
    Pod server = client.pods().inNamespace(namespace).withName("ml-ada-0").get();
    assertThat(server.getStatus().getPhase()).isEqualTo("Running");
    assertThat(server.getMetadata().getLabels()).containsEntry("tito.dev/student", "ada");

    client.apps().statefulSets().inNamespace(namespace).withName("ml-ada").scale(0);
    client
        .resource(set)
        .waitUntilCondition(
            s ->
                s.getStatus() != null
                    && Integer.valueOf(0).equals(s.getStatus().getReadyReplicas()),
            30,
            TimeUnit.SECONDS);
    assertThat(client.pods().inNamespace(namespace).withName("ml-ada-0").get()).isNull();
  }

  private static String namespace() {
    return "kubelet-" + NAMESPACES.incrementAndGet();
  }

  private static Job job(
      String namespace,
      String name,
      int backoffLimit,
      Long deadline,
      List<Container> inits,
      List<Container> mains,
      List<Volume> volumes) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "tito-operator")
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withActiveDeadlineSeconds(deadline)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels(
            Map.of("app.kubernetes.io/component", "grading", "tito.dev/submission", "ada-1"))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withInitContainers(inits)
        .withContainers(mains)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container shell(String name, String script, VolumeMount... mounts) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(IMAGE)
        .withCommand("sh", "-c", script)
        .withVolumeMounts(mounts)
        .build();
  }

  private static VolumeMount mount(String volume, String path) {
    return mount(volume, path, true);
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Job finished(Job job) {
    return client
        .resource(job)
        .waitUntilCondition(
            j ->
                j != null
                    && j.getStatus() != null
                    && j.getStatus().getConditions().stream()
                        .anyMatch(c -> List.of("Complete", "Failed").contains(c.getType())),
            60,
            TimeUnit.SECONDS);
  }

  private static JobCondition condition(Job job) {
    return job.getStatus().getConditions().get(job.getStatus().getConditions().size() - 1);
  }

  private static List<Pod> podsOf(Job job) {
    return client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .withLabel("batch.kubernetes.io/job-name", job.getMetadata().getName())
        .list()
        .getItems();
  }

  private static Pod onlyPodOf(Job job) {
    List<Pod> pods = podsOf(job);
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  /** The log as the operator reads it: {@code GET pods/<pod>/log?container=<c>&limitBytes=N}. */
  private static String log(Pod pod, String container, int limitBytes) {
    return client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .inContainer(container)
        .limitBytes(limitBytes)
        .getLog();
  }
}
