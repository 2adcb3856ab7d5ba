package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.controlplane.EstablishedCrds;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The real operator against the Fabric8 mock server in CRUD mode; each test works in its own namespace. */
@EnableKubernetesMockClient(crud = true)
public abstract class OperatorOnMockServer {
  static final String IMAGE = "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static KubernetesClient client;
  static KubernetesMockServer server;
  static FakeServerActivity activity;
  private static TitoOperator operator;

  @BeforeAll
  static void startOperator() throws IOException {
    installCrds(client);
    activity = new FakeServerActivity();
    operator =
        new TitoOperator(
            client, OperatorConfig.local(Duration.ofMillis(100)), activity, Clock.systemUTC());
    operator.start();
  }

  /** The generated CRDs, as Helm installs them. */
  public static void installCrds(KubernetesClient client) throws IOException {
    crds(client).forEach(crd -> client.resource(crd).create());
  }

  /** Every CRD the build generated into crds/. */
  private static List<CustomResourceDefinition> crds(KubernetesClient client) throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.list(Path.of("../crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream yaml = Files.newInputStream(file)) {
          crds.add(
              client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class));
        }
      }
    }
    return crds;
  }

  /**
   * The generated CRDs on a real API server: applied server-side (another test class of the JVM may have installed
   * them) and established before any is used.
   */
  public static void applyCrds(KubernetesClient client) throws IOException {
    EstablishedCrds.apply(client, crds(client), "tito-test", Duration.ofSeconds(30));
  }

  /** The requests the mock server received since the last call. */
  static List<RecordedRequest> drainRequests() throws InterruptedException {
    return drainRequests(server);
  }

  /** The requests {@code server} received since the last call. */
  public static List<RecordedRequest> drainRequests(KubernetesMockServer server)
      throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  /** The running operator's /healthz, /readyz and /metrics port. */
  static int httpPort() {
    return operator.httpPort();
  }

  static String newNamespace() {
    return "class-" + NAMESPACES.incrementAndGet();
  }

  static Classroom classroom(String namespace, String name, String... studentIds) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName(name);
    classroom.getMetadata().setNamespace(namespace);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = IMAGE;
    classroom.getSpec().roster.students =
        new java.util.ArrayList<>(Arrays.stream(studentIds).map(RosterStudent::new).toList());
    return classroom;
  }

  static Classroom create(Classroom classroom) {
    return client.resource(classroom).create();
  }

  static Classroom current(Classroom classroom) {
    return client
        .resources(Classroom.class)
        .inNamespace(classroom.getMetadata().getNamespace())
        .withName(classroom.getMetadata().getName())
        .get();
  }

  static Classroom statusWhere(
      Classroom classroom, String what, java.util.function.Predicate<Classroom> done) {
    return Eventually.until(
        what, () -> current(classroom), c -> c.getStatus() != null && done.test(c));
  }

  static StatefulSet serverOf(Classroom classroom, String student) {
    return client
        .apps()
        .statefulSets()
        .inNamespace(classroom.getMetadata().getNamespace())
        .withName(classroom.getMetadata().getName() + "-" + student)
        .get();
  }

  /** What the StatefulSet controller would report once the student's pod is ready. */
  static void markReady(StatefulSet server) {
    retryOnConflict(
        () -> {
          StatefulSet latest = client.resource(server).get();
          latest.setStatus(
              new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .withAvailableReplicas(1)
                  .build());
          client.resource(latest).updateStatus();
        });
  }

  /** Changes the Classroom as a person would with kubectl edit, retrying when the operator wrote in between. */
  static void edit(Classroom classroom, java.util.function.Consumer<Classroom> change) {
    retryOnConflict(
        () -> {
          Classroom latest = current(classroom);
          change.accept(latest);
          client.resource(latest).update();
        });
  }

  static void retryOnConflict(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  static io.fabric8.kubernetes.api.model.Condition condition(Classroom classroom, String type) {
    return classroom.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
