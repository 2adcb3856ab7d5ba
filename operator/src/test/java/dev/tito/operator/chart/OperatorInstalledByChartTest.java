package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Capacity;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.EgressMode;
import dev.tito.api.classroom.Network;
import dev.tito.api.classroom.RestartPolicy;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart installed on the mock server, the operator started by the image's launcher with the Deployment's own
 * environment, and a class taken through provisioning (roster ConfigMap, ingress, pre-pull, placeholders), a roster and
 * spec change (image with immediate restart, port, egress, home retention) and the extras switched off. The chart's RBAC
 * is proven from a real API server's audit log (OperatorOnRealApiServerTest).
 */
@EnableKubernetesMockClient(crud = true)
class OperatorInstalledByChartTest {
  private static final String COURSE = "course";
  private static final String TEST_AGENT = "tito-chart-test";
  private static final String IMAGE = "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
  private static final String NEW_IMAGE = "quay.io/jupyter/scipy-notebook@sha256:" + "b".repeat(64);
  static KubernetesMockServer server;
  static KubernetesClient mockClient;

  /** The test's own requests carry this agent; every other request at the mock server is the operator's. */
  private static KubernetesClient client;

  private static RenderedChart chart;
  private static Classroom provisioned;
  private static Classroom changed;
  private static Lease leaseWhileLeading;
  private static int readyzWhileLeading;
  private static int exitCodeAfterSigterm;
  private static Duration sigtermToExit;
  private static Lease leaseAfterExit;
  private static ConfigMap adaResults;
  private static List<Job> deliveryJobs;

  @BeforeAll
  static void installChartRunOperatorAndTeachAClass() throws InterruptedException, IOException {
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(mockClient.getConfiguration()).withUserAgent(TEST_AGENT).build())
            .build();
    // the course namespace does not exist yet: the chart creates it
    chart = RenderedChart.with(Map.of("watchNamespaces[0]", COURSE));
    ChartInstall.apply(client, chart);
    Deployment deployment = chart.one(Deployment.class);
    Map<String, String> env = ChartInstall.operatorEnvironment(deployment);
    // the mock server cannot answer access reviews; it answers from the chart's own rules, as the
    // API server would
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            ChartRbac.of(chart, RenderedChart.NAMESPACE, serviceAccount())
                .rulesReview(env.get(OperatorConfig.LEASE_NAMESPACE)))
        .always();
    try (OperatorProcess operator =
        OperatorProcess.start(
            env,
            mockClient.getConfiguration().getMasterUrl(),
            Path.of("target", "chart-tito-home"))) {
      try {
        leaseWhileLeading =
            waitFor(
                "the operator to take the lease",
                () ->
                    client
                        .leases()
                        .inNamespace(RenderedChart.NAMESPACE)
                        .withName(env.get(OperatorConfig.LEASE_NAME))
                        .get(),
                lease -> lease.getSpec().getHolderIdentity() != null);
        teachAClass();
        readyzWhileLeading =
            waitFor("/readyz", () -> statusOf(operator.endpoint("/readyz")), code -> code == 200);
        long sigterm = System.nanoTime();
        exitCodeAfterSigterm = operator.terminate();
        sigtermToExit = Duration.ofNanos(System.nanoTime() - sigterm);
        leaseAfterExit =
            client
                .leases()
                .inNamespace(RenderedChart.NAMESPACE)
                .withName(env.get(OperatorConfig.LEASE_NAME))
                .get();
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\noperator log:\n" + operator.log(), e);
      }
    }
  }

  /** Provision three students, then change every setting the operator acts on, then switch the extras off. */
  private static void teachAClass() {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("roster")
                .withNamespace(COURSE)
                .endMetadata()
                .addToData("roster.csv", "id,name\nada,Ada\ngrace,Grace\nlinus,Linus\n")
                .build())
        .create();
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(COURSE);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = IMAGE;
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    classroom.getSpec().access = new Access();
    classroom.getSpec().access.ingress = true;
    classroom.getSpec().access.host = "jupyter.example.edu";
    classroom.getSpec().capacity = new Capacity();
    classroom.getSpec().capacity.placeholders = 1;
    client.resource(classroom).create();
    provisioned =
        waitFor(
            "three students provisioned",
            () -> current(),
            c -> c.getStatus() != null && c.getStatus().total == 3);
    waitFor(
        "placeholders",
        () -> client.apps().deployments().inNamespace(COURSE).withName("ml-placeholder").get(),
        d -> true);
    releaseAnAssignment();

    client
        .configMaps()
        .inNamespace(COURSE)
        .withName("roster")
        .edit(
            map ->
                new ConfigMapBuilder(map)
                    .addToData("roster.csv", "id,name\nada,Ada\ngrace,Grace\n")
                    .build());
    client
        .resources(Classroom.class)
        .inNamespace(COURSE)
        .withName("ml")
        .edit(
            c -> {
              c.getSpec().environment.image = NEW_IMAGE;
              c.getSpec().environment.port = 8889;
              c.getSpec().environment.restartPolicy = RestartPolicy.Immediate;
              c.getSpec().environment.home.retainPolicy = RetainPolicy.Delete;
              c.getSpec().network = new Network();
              c.getSpec().network.egress = EgressMode.None;
              c.getSpec().capacity.placeholders = 2;
              c.getSpec().access.host = "lab.example.edu";
              return c;
            });
    handIn();
    changed =
        waitFor(
            "two students on the roster",
            () -> current(),
            c -> c.getStatus() != null && c.getStatus().total == 2);
    waitFor("linus's server removed", () -> serverOf("linus") == null, gone -> gone);
    waitFor(
        "linus's home removed (retainPolicy Delete)",
        () ->
            client.persistentVolumeClaims().inNamespace(COURSE).withName("home-ml-linus").get()
                == null,
        gone -> gone);
    waitFor(
        "servers on the new image",
        () -> image(serverOf("ada")) + " " + image(serverOf("grace")),
        images -> images.equals(NEW_IMAGE + " " + NEW_IMAGE));
    waitFor(
        "two placeholders",
        () -> client.apps().deployments().inNamespace(COURSE).withName("ml-placeholder").get(),
        d -> d.getSpec().getReplicas() == 2);

    client
        .resources(Classroom.class)
        .inNamespace(COURSE)
        .withName("ml")
        .edit(
            c -> {
              c.getSpec().capacity.prePull = false;
              c.getSpec().capacity.placeholders = 0;
              c.getSpec().access.ingress = false;
              return c;
            });
    waitFor(
        "extras removed",
        () -> current(),
        c ->
            client.apps().deployments().inNamespace(COURSE).withName("ml-placeholder").get() == null
                && client.apps().daemonSets().inNamespace(COURSE).withName("ml-prepull").get()
                    == null
                && client
                    .network()
                    .v1()
                    .ingresses()
                    .inNamespace(COURSE)
                    .list()
                    .getItems()
                    .isEmpty());
  }

  /** Ada hands in; the student-results controller shows her the queue position, then the grade. */
  private static void handIn() {
    Submission submission = new Submission();
    submission.getMetadata().setName("tensor-ada-1");
    submission.getMetadata().setNamespace(COURSE);
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "ml"));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "tensor";
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = "tensor-ada-1";
    client.resource(submission).create();
    waitFor(
        "ada's results",
        () -> client.configMaps().inNamespace(COURSE).withName("ml-ada-results").get(),
        c -> c != null);
    // the operator's own first status (Queued: no such Assignment) must land first, or it may
    // overwrite the grade below
    waitFor(
        "ada's submission queued",
        () -> client.resources(Submission.class).inNamespace(COURSE).withName("tensor-ada-1").get(),
        s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Queued);
    client
        .resources(Submission.class)
        .inNamespace(COURSE)
        .withName("tensor-ada-1")
        .editStatus(
            s -> {
              s.setStatus(new SubmissionStatus());
              s.getStatus().phase = SubmissionPhase.Graded;
              s.getStatus().score = 1.0;
              s.getStatus().maxScore = 2.0;
              return s;
            });
    adaResults =
        waitFor(
            "ada's grade in her results",
            () -> client.configMaps().inNamespace(COURSE).withName("ml-ada-results").get(),
            c -> c.getData().get("tensor.json").contains("Graded"));
  }

  /** An Assignment released to the three students: one delivery Job each; ada's succeeds and is recorded. */
  private static void releaseAnAssignment() {
    try {
      byte[] module =
          Files.readAllBytes(Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("tensors-v1")
                  .withNamespace(COURSE)
                  .endMetadata()
                  .addToData("tiny.py", Base64.getEncoder().encodeToString(module))
                  .build())
          .create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("tensors");
    assignment.getMetadata().setNamespace(COURSE);
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = "ml";
    assignment.getSpec().sourceSecret = "tensors-v1";
    client.resource(assignment).create();
    deliveryJobs =
        waitFor(
            "three delivery Jobs",
            () -> client.batch().v1().jobs().inNamespace(COURSE).list().getItems(),
            jobs -> jobs.size() == 3);
    Job ada =
        deliveryJobs.stream()
            .filter(j -> "ada".equals(j.getMetadata().getLabels().get("tito.dev/student")))
            .findFirst()
            .orElseThrow();
    ada.setStatus(
        new JobStatusBuilder()
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
    client.resource(ada).updateStatus();
    waitFor(
        "ada's delivery recorded",
        () -> client.configMaps().inNamespace(COURSE).withName("tensors-delivered").get(),
        ledger -> "ada\n".equals(ledger.getData().get("students")));
    waitFor("ada's delivery Job deleted", () -> client.resource(ada).get() == null, gone -> gone);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void theOperatorRunFromTheChartProvisionsEveryStudent() {
    assertThat(provisioned.getStatus().total).isEqualTo(3);
    assertThat(changed.getStatus().total).isEqualTo(2);
    assertThat(client.apps().statefulSets().inNamespace(COURSE).list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("ml-ada", "ml-grace");
    assertThat(
            client
                .secrets()
                .inNamespace(COURSE)
                .withLabel("tito.dev/classroom", "ml")
                .list()
                .getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("ml-ada-token", "ml-grace-token");
  }

  @Test
  void studentsGetAnAccountAndSeeTheirResults() {
    assertThat(client.serviceAccounts().inNamespace(COURSE).list().getItems())
        .extracting(a -> a.getMetadata().getName())
        .contains("ml-ada", "ml-grace")
        .doesNotContain("ml-linus");
    assertThat(client.rbac().roleBindings().inNamespace(COURSE).list().getItems())
        .extracting(b -> b.getMetadata().getName())
        .contains("ml-ada-student", "ml-grace-student")
        .doesNotContain("ml-linus-student");
    assertThat(adaResults.getData().get("tensor.json"))
        .contains("\"score\":1.0", "\"maxScore\":2.0");
  }

  @Test
  void deliveryJobsRunTheOperatorsOwnImage() {
    String image =
        chart
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage();
    assertThat(deliveryJobs)
        .allSatisfy(
            job ->
                assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo(image));
  }

  @Test
  void theOperatorTookTheLeaseNamedByTheChart() {
    assertThat(leaseWhileLeading.getMetadata().getName()).isEqualTo("tito-operator-leader");
    assertThat(leaseWhileLeading.getSpec().getHolderIdentity()).isEqualTo("tito-operator-0");
  }

  @Test
  void theLeaderIsReadyAndSigtermReleasesTheLeaseAndExitsZero() {
    assertThat(readyzWhileLeading).isEqualTo(200);
    assertThat(exitCodeAfterSigterm).as("exit code after SIGTERM").isZero();
    assertThat(sigtermToExit).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
    assertThat(leaseAfterExit.getSpec().getHolderIdentity())
        .as("lease holder after exit")
        .isNullOrEmpty();
  }

  private static String serviceAccount() {
    return chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
  }

  private static Classroom current() {
    return client.resources(Classroom.class).inNamespace(COURSE).withName("ml").get();
  }

  private static StatefulSet serverOf(String student) {
    return client.apps().statefulSets().inNamespace(COURSE).withName("ml-" + student).get();
  }

  private static String image(StatefulSet server) {
    return server.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Generous: a JVM starting on a loaded machine; a healthy run takes seconds. */
  /** The HTTP status of a GET, or null while nothing answers yet. */
  private static Integer statusOf(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted calling " + uri, e);
    }
  }

  private static <T> T waitFor(String what, Supplier<T> observe, Predicate<T> done) {
    return Eventually.until(
        what,
        Duration.ofSeconds(60),
        observe,
        done,
        () ->
            "classroom status: "
                + client.getKubernetesSerialization().asJson(current().getStatus()));
  }
}
