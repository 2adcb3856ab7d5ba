package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the CRDs refuses its bad spec on a real API server, with its own message naming the field. */
class CrdRulesOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @BeforeAll
  static void installCrds() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a name starting with a digit | 1abc | a Classroom's name must be a DNS-1035 label",
        "a name of 31 characters | abcdefghijklmnopqrstuvwxyzabcde | at most 30 characters",
        "an upper-case name | ML | a Classroom's name must be a DNS-1035 label"
      })
  void aClassroomNameThatWouldBreakAChildIsRefusedAtApplyTime(
      String what, String name, String message) {
    assertRefused(classroom(name, c -> {}), message);
  }

  @Test
  void aSpecRuleRefusesItsBadSpecWithItsOwnMessage() {
    assertRefused(
        classroom("size", c -> c.getSpec().environment.home.size = "0"),
        "size must be a positive quantity");
    assertRefused(
        classroom("idle", c -> c.getSpec().environment.idleTimeout = "30s"),
        "idleTimeout must be 0s (never stop) or at least 1m");
    assertRefused(
        classroom(
            "both",
            c -> {
              c.getSpec().roster.configMapRef = new ConfigMapKey();
              c.getSpec().roster.configMapRef.name = "roster";
            }),
        "give the roster either inline students or a configMapRef");
    assertRefused(
        classroom("twice", c -> c.getSpec().roster.students.add(new RosterStudent("ada"))),
        "Duplicate value");
    assertRefused(assignment("x".repeat(64), a -> {}), "at most 63 characters");
    assertRefused(
        assignment(
            "late",
            a -> {
              a.getSpec().releaseAt = "2026-12-10T00:00:00Z";
              a.getSpec().dueAt = "2026-12-01T00:00:00Z";
            }),
        "releaseAt must be before dueAt");
  }

  @Test
  void fiveHundredInlineStudentsAreAcceptedAndAFiveHundredAndFirstIsNot() {
    Classroom fiveHundred =
        api.admin()
            .resource(classroom("inline", c -> c.getSpec().roster.students = students(500)))
            .create();

    assertThat(fiveHundred.getSpec().roster.students).hasSize(500);
    assertRefused(
        classroom("toomany", c -> c.getSpec().roster.students = students(501)),
        "must have at most 500 items");
  }

  @Test
  void aHandedInSubmissionCannotBeChanged() {
    Submission submission = new Submission();
    submission.getMetadata().setName("ada-1");
    submission.getMetadata().setNamespace(api.namespace());
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "tensors";
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = "ada-1";
    api.admin().resource(submission).create();

    assertThatThrownBy(
            () ->
                api.admin()
                    .resources(Submission.class)
                    .inNamespace(api.namespace())
                    .withName("ada-1")
                    .edit(
                        s -> {
                          s.getSpec().student = "ben";
                          return s;
                        }))
        .hasMessageContaining("a submission cannot be changed; create a new one");
  }

  /** samples/generate-roster.sh 10000, applied as its header says: server-side (client-side apply's annotation is too long). */
  @Test
  void aTenThousandStudentRosterAppliesServerSideWhereClientSideApplyIsRefused()
      throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory(Path.of("target"), "roster-");
    Files.copy(
        Path.of("../samples/generate-roster.sh"),
        folder.resolve("generate-roster.sh"),
        StandardCopyOption.REPLACE_EXISTING);
    Process generate =
        new ProcessBuilder("bash", folder.resolve("generate-roster.sh").toString(), "10000")
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("out.txt").toFile())
            .start();
    assertThat(generate.waitFor()).isZero();
    List<HasMetadata> objects;
    try (InputStream yaml = Files.newInputStream(folder.resolve("classroom-large.yaml"))) {
      objects = api.admin().load(yaml).items();
    }
    ConfigMap roster =
        (ConfigMap) objects.stream().filter(ConfigMap.class::isInstance).findFirst().orElseThrow();
    ConfigMap clientSide =
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder(roster)
            .editMetadata()
            .withName("client-side")
            .withNamespace(api.namespace())
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration",
                api.admin().getKubernetesSerialization().asJson(roster))
            .endMetadata()
            .build();

    assertThatThrownBy(() -> api.admin().resource(clientSide).create())
        .hasMessageContaining("Too long");
    for (HasMetadata object : objects) {
      object.getMetadata().setNamespace(api.namespace());
      api.admin().resource(object).fieldManager("kubectl").serverSideApply();
    }
    assertThat(
            api.admin()
                .configMaps()
                .inNamespace(api.namespace())
                .withName(roster.getMetadata().getName())
                .get()
                .getData()
                .get("roster.csv")
                .lines()
                .count())
        .isEqualTo(10_001);
  }

  private static void assertRefused(HasMetadata object, String message) {
    assertThatThrownBy(() -> api.admin().resource(object).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message);
  }

  private static Classroom classroom(String name, Consumer<Classroom> change) {
    Classroom classroom = OperatorOnMockServer.classroom(api.namespace(), name, "ada", "ben");
    classroom.getSpec().roster.students = new ArrayList<>(classroom.getSpec().roster.students);
    change.accept(classroom);
    return classroom;
  }

  private static Assignment assignment(String name, Consumer<Assignment> change) {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(name);
    assignment.getMetadata().setNamespace(api.namespace());
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = "ml";
    assignment.getSpec().sourceSecret = "source";
    change.accept(assignment);
    return assignment;
  }

  private static List<RosterStudent> students(int count) {
    return new ArrayList<>(
        IntStream.rangeClosed(1, count).mapToObj(i -> new RosterStudent("student-" + i)).toList());
  }
}
