package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;

/** The real operator against the Fabric8 mock server in CRUD mode; each test in its own namespace. */
@EnableKubernetesMockClient(crud = true)
abstract class AssignmentOnMockServer {
  static final String CLASSROOM = "course";
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static TitoOperator operator;

  /** Installs the CRDs and starts the operator; at most {@code deliveryConcurrency} delivery Jobs per Assignment. */
  static void startOperator(int deliveryConcurrency) throws IOException {
    dev.tito.operator.classroom.OperatorOnMockServer.installCrds(client);
    OperatorConfig local = OperatorConfig.local(Duration.ofMillis(100));
    OperatorConfig config =
        new OperatorConfig(
            Set.of(),
            null,
            null,
            local.activityPollInterval(),
            local.writeConcurrency(),
            null,
            0,
            local.jobImage(),
            deliveryConcurrency,
            null,
            local.gradingRetryBackoff(),
            null);
    operator =
        new TitoOperator(client, config, (uri, token) -> Optional.empty(), Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  /** A TinyTorch-style jupytext module that passes the gates (with a schema-upgrade warning). */
  static byte[] valid() throws IOException {
    return Files.readAllBytes(
        Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
  }

  static String namespace() {
    return "asg-" + NAMESPACES.incrementAndGet();
  }

  static void source(String ns, String name, Map<String, byte[]> files) {
    Map<String, String> data = new HashMap<>();
    files.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withData(data)
                .build())
        .createOr(op -> op.update());
  }

  /** The Classroom {@value #CLASSROOM} with these students on its inline roster. */
  static void classroom(String ns, String... students) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName(CLASSROOM);
    classroom.getMetadata().setNamespace(ns);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
    classroom.getSpec().roster.students =
        new ArrayList<>(Arrays.stream(students).map(RosterStudent::new).toList());
    client.resource(classroom).create();
  }

  static void create(String ns, String name, String source, String releaseAt) {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(name);
    assignment.getMetadata().setNamespace(ns);
    assignment.getMetadata().setAnnotations(new HashMap<>());
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = CLASSROOM;
    assignment.getSpec().sourceSecret = source;
    assignment.getSpec().releaseAt = releaseAt;
    client.resource(assignment).create();
  }

  /** Source, Classroom with these students, and an Assignment released now; returns the revision. */
  static String released(String ns, String assignment, String... students) throws IOException {
    source(ns, "src", Map.of("tiny.py", valid()));
    classroom(ns, students);
    create(ns, assignment, "src", null);
    return until(ns, assignment, "released", a -> "True".equals(status(a, "Released")))
        .getStatus()
        .releasedRevision;
  }

  /** A new source as an instructor publishes one: a new Secret, named in the spec. */
  static void pointTo(String ns, String name, String source) {
    client
        .resources(Assignment.class)
        .inNamespace(ns)
        .withName(name)
        .edit(
            a -> {
              a.getSpec().sourceSecret = source;
              return a;
            });
  }

  static Condition condition(Assignment assignment, String type) {
    if (assignment.getStatus() == null || assignment.getStatus().conditions == null) {
      return null;
    }
    return assignment.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElse(null);
  }

  static String status(Assignment assignment, String type) {
    Condition condition = condition(assignment, type);
    return condition == null ? null : condition.getStatus();
  }

  static String reason(Assignment assignment, String type) {
    Condition condition = condition(assignment, type);
    return condition == null ? null : condition.getReason();
  }

  static Assignment until(String ns, String name, String what, Predicate<Assignment> done) {
    Supplier<Assignment> current =
        () -> client.resources(Assignment.class).inNamespace(ns).withName(name).get();
    return Eventually.until(
        what,
        LIMIT,
        current,
        a -> a.getStatus() != null && done.test(a),
        () -> {
          Assignment last = current.get();
          return last == null
              ? null
              : "status " + client.getKubernetesSerialization().asJson(last.getStatus());
        });
  }

  static <T> T until(String what, Supplier<T> observe, Predicate<T> done) {
    return Eventually.until(what, LIMIT, observe, done, () -> null);
  }

  /** Writes as another party would (a Job controller, the grader), retrying when the operator wrote in between. */
  static void retryOnConflict(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }
}
