package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.grading.JobOutcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's kubelet on a real control plane, in a namespace holding pods to the restricted standard: the real Job
 * and StatefulSet controllers make the pods, the kubelet binds them, runs Jobs' containers as processes, reports
 * servers ready, serves logs to the API server and ends deletions.
 */
class RealApiKubeletTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final String IMAGE = "tito-operator:test";

  @TempDir static Path folder;
  private static RealApiKubelet kubelet;
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void start() {
    client = api.admin();
    namespace = api.namespace();
    kubelet =
        new RealApiKubelet(
            client,
            namespace,
            folder,
            LocalImages.sameClassPath(ScoreStepStandIn.class.getName()),
            2);
    kubelet.start();
  }

  @AfterAll
  static void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void aJobsPodIsBoundRunAsProcessesAndItsLogIsReadThroughTheApiServer() {
    Job job =
        client
            .resource(
                job(
                    "graded",
                    null,
                    List.of(shell("prepare", "echo prepared")),
                    List.of(
                        shell(
                            "score",
                            "echo '{\"tito\":\"grading-result\"}'; echo 3/5 > /dev/termination-log"))))
            .create();

    assertThat(condition(finished(job)).getType()).isEqualTo("Complete");
    Pod pod = onlyPodOf(job);
    assertThat(pod.getSpec().getNodeName()).isEqualTo(RealApiKubelet.NODE_NAME);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(pod.getStatus().getPodIP()).startsWith("10.244.0.");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
    assertThat(pod.getStatus().getInitContainerStatuses())
        .extracting(s -> s.getState().getTerminated().getReason())
        .containsExactly("Completed");
    assertThat(
            pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
        .isEqualTo("3/5\n");
    assertThat(log(pod, "score", 1024)).isEqualTo("{\"tito\":\"grading-result\"}\n");
    assertThat(log(pod, "score", 7)).isEqualTo("{\"tito\"");
    assertThat(log(pod, "prepare", 1024)).isEqualTo("prepared\n");
  }

  @Test
  void aFailingInitContainerFailsThePodWithItsExitCodeAndTheJobControllerFailsTheJob() {
    Job job =
        client
            .resource(
                job(
                    "kernel-died",
                    null,
                    List.of(shell("execute", "echo kernel died; exit 3")),
                    List.of(shell("score", "echo must not run"))))
            .create();

    Job done = finished(job);

    Pod pod = onlyPodOf(job);
    KubeletExpectations.failedInItsInitContainer(condition(done), pod, log(pod, "execute", 1024));
  }

  @Test
  void
      aJobPastItsDeadlineHasItsProcessKilledAndItsPodRemovedAndTheOperatorReadsATimeoutFromItsFirstFailingStatus()
          throws Exception {
    Path never = folder.resolve("deadline-job-finished");
    List<Job> versions = new CopyOnWriteArrayList<>();
    Watch watch =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withName("too-slow")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Job version) {
                    versions.add(version);
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    Job job =
        client
            .resource(
                job("too-slow", 3L, List.of(), List.of(shell("score", "sleep 60; touch " + never))))
            .create();
    client
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", "too-slow")
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
        .get(RealApiServer.patience().toSeconds(), TimeUnit.SECONDS);
    ProcessHandle container =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains(never.toString()))
            .findFirst()
            .orElseThrow();

    assertThat(condition(finished(job)).getReason()).isEqualTo("DeadlineExceeded");
    watch.close();
    // while the controller still kills the pod, an exit code 137 must not read as a dead kernel or
    // OOM
    Job firstFailing =
        versions.stream()
            .filter(v -> v.getStatus() != null && !v.getStatus().getConditions().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(firstFailing.getStatus().getConditions())
        .extracting(JobCondition::getType)
        .containsExactly("FailureTarget");
    assertThat(JobOutcome.of(firstFailing, null, Instant.now()).failureClass())
        .isEqualTo("Timeout");
    container.onExit().get(30, TimeUnit.SECONDS);
    client
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", "too-slow")
        .informOnCondition(List::isEmpty)
        .get(RealApiServer.patience().toSeconds(), TimeUnit.SECONDS);
    assertThat(never).doesNotExist();
  }

  @Test
  void
      aStatefulSetsPodIsReportedRunningAndReadyWithAnAddressItsServiceListsAndIsRemovedWhenScaledToZero()
          throws Exception {
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("ml-ada")
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .addToSelector("tito.dev/student", "ada")
                .addNewPort()
                .withPort(8888)
                .endPort()
                .endSpec()
                .build())
        .create();
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
                    .withSpec(
                        restricted(
                            "Always",
                            List.of(),
                            List.of(
                                new ContainerBuilder()
                                    .withName("jupyter")
                                    .withImage(IMAGE)
                                    .withArgs("jupyter", "lab")
                                    .build())))
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
            RealApiServer.patience().toSeconds(),
            TimeUnit.SECONDS);
    Pod server = client.pods().inNamespace(namespace).withName("ml-ada-0").get();
    assertThat(server.getStatus().getPhase()).isEqualTo("Running");
    assertThat(server.getStatus().getConditions())
        .filteredOn(c -> "Ready".equals(c.getType()))
        .extracting(PodCondition::getStatus)
        .containsExactly("True");
    assertThat(server.getStatus().getContainerStatuses())
        .extracting(s -> s.getReady())
        .containsExactly(true);
    // the Endpoints controllers refuse a loopback address: the pod has one of the node's pod
    // network
    client
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(namespace)
        .withLabel("kubernetes.io/service-name", "ml-ada")
        .informOnCondition(
            slices ->
                slices.stream()
                    .flatMap(slice -> slice.getEndpoints().stream())
                    .anyMatch(
                        endpoint ->
                            endpoint.getAddresses().contains(server.getStatus().getPodIP())))
        .get(RealApiServer.patience().toSeconds(), TimeUnit.SECONDS);

    client.apps().statefulSets().inNamespace(namespace).withName("ml-ada").scale(0);
    client
        .pods()
        .inNamespace(namespace)
        .withName("ml-ada-0")
        .informOnCondition(List::isEmpty)
        .get(RealApiServer.patience().toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aDaemonSetPlacesItsPodOnTheNodeWhichReportsItRunning() {
    DaemonSet set =
        client
            .resource(
                new DaemonSetBuilder()
                    .withNewMetadata()
                    .withName("prepull")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .withNewSelector()
                    .addToMatchLabels("app", "prepull")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "prepull")
                    .endMetadata()
                    .withSpec(
                        restricted(
                            "Always",
                            List.of(),
                            List.of(
                                new ContainerBuilder()
                                    .withName("pause")
                                    .withImage("registry.k8s.io/pause:3.10")
                                    .build())))
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();

    // the node is Ready and untainted (the not-ready taint admission puts on a new node is lifted)
    client
        .resource(set)
        .waitUntilCondition(
            s -> s.getStatus() != null && Integer.valueOf(1).equals(s.getStatus().getNumberReady()),
            RealApiServer.patience().toSeconds(),
            TimeUnit.SECONDS);
  }

  private static Job job(String name, Long deadline, List<Container> inits, List<Container> mains) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(deadline)
        .withNewTemplate()
        .withSpec(restricted("Never", inits, mains))
        .endTemplate()
        .endSpec()
        .build();
  }

  /** What the restricted standard asks of a pod, as the operator's grading pods have it. */
  private static PodSpec restricted(
      String restartPolicy, List<Container> inits, List<Container> mains) {
    return new PodSpecBuilder()
        .withRestartPolicy(restartPolicy)
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(1000L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withInitContainers(inits.stream().map(RealApiKubeletTest::hardened).toList())
        .withContainers(mains.stream().map(RealApiKubeletTest::hardened).toList())
        .build();
  }

  private static Container hardened(Container container) {
    return new ContainerBuilder(container)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .build();
  }

  private static Container shell(String name, String script) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(IMAGE)
        .withCommand("sh", "-c", script)
        .build();
  }

  private static Job finished(Job job) {
    return client
        .resource(job)
        .waitUntilCondition(
            j ->
                j != null
                    && j.getStatus() != null
                    && j.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                List.of("Complete", "Failed").contains(c.getType())
                                    && "True".equals(c.getStatus())),
            RealApiServer.patience().toSeconds(),
            TimeUnit.SECONDS);
  }

  /** The Job's last condition that holds (the real controller also writes FailureTarget, SuccessCriteriaMet). */
  private static JobCondition condition(Job job) {
    return job.getStatus().getConditions().stream()
        .filter(c -> List.of("Complete", "Failed").contains(c.getType()))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private static Pod onlyPodOf(Job job) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel("batch.kubernetes.io/job-name", job.getMetadata().getName())
            .list()
            .getItems();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  /** Through the API server's {@code pods/log}, which asks the kubelet's HTTPS endpoint, as the operator reads it. */
  private static String log(Pod pod, String container, int limitBytes) {
    return client
        .pods()
        .inNamespace(namespace)
        .withName(pod.getMetadata().getName())
        .inContainer(container)
        .limitBytes(limitBytes)
        .getLog();
  }
}
