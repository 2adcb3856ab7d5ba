package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.RosterStudent;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadSpecTest extends OperatorOnMockServer {

  @Test
  void imageWithoutDigestIsAWarningConditionAndAnEventButStillProvisions() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "tag", "ada");
    spec.getSpec().environment.image = "quay.io/jupyter/minimal-notebook:latest";
    Classroom classroom = create(spec);

    Classroom status = statusWhere(classroom, "image warning", c -> c.getStatus().total == 1);
    assertThat(condition(status, "ImagePinned").getStatus()).isEqualTo("False");
    assertThat(condition(status, "ImagePinned").getReason()).isEqualTo("ImageNotPinnedByDigest");
    assertThat(condition(status, "ImagePinned").getMessage())
        .contains("spec.environment.image", ":latest");
    assertThat(serverOf(classroom, "ada")).isNotNull();
    assertThat(eventReasons(ns, "ImageNotPinnedByDigest")).contains("ImageNotPinnedByDigest");
  }

  @Test
  void duplicateAndInvalidStudentIdsAreRefusedWhileTheRestOfTheClassIsProvisioned() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "mixed", "ada", "grace");
    spec.getSpec().roster.students.add(new RosterStudent("ada"));
    spec.getSpec().roster.students.add(new RosterStudent("Bob@Example.org"));
    Classroom classroom = create(spec);

    Classroom status = statusWhere(classroom, "roster findings", c -> c.getStatus().total == 2);
    assertThat(status.getStatus().failed).isEqualTo(2);
    assertThat(condition(status, "RosterValid").getStatus()).isEqualTo("False");
    assertThat(condition(status, "RosterValid").getReason()).isEqualTo("DuplicateStudentId");
    assertThat(condition(status, "RosterValid").getMessage())
        .contains("student id 'ada' appears more than once")
        .contains("entry 4: 'Bob@Example.org' is not a valid Kubernetes name");
    assertThat(serverOf(classroom, "ada")).isNotNull();
    assertThat(serverOf(classroom, "grace")).isNotNull();
    assertThat(eventReasons(ns, "DuplicateStudentId")).contains("DuplicateStudentId");
  }

  @Test
  void tooLongIdAndInvalidIdleTimeoutAreNamedInConditions() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "long", "ada", "a".repeat(50));
    spec.getSpec().environment.idleTimeout = "soon";
    Classroom classroom = create(spec);

    Classroom status = statusWhere(classroom, "findings", c -> c.getStatus().total == 1);
    assertThat(condition(status, "RosterValid").getReason()).isEqualTo("InvalidStudentId");
    assertThat(condition(status, "RosterValid").getMessage()).contains("is too long");
    assertThat(condition(status, "SpecValid").getReason()).isEqualTo("InvalidIdleTimeout");
    assertThat(condition(status, "SpecValid").getMessage())
        .contains("spec.environment.idleTimeout 'soon'");
  }

  @Test
  void aClassroomWhoseNameCannotNameAServiceIsNotProvisionedAndSaysWhy() {
    String ns = newNamespace();
    // an older CRD admitted it; the current one refuses it
    Classroom classroom = create(classroom(ns, "1abc", "ada"));

    Classroom status =
        statusWhere(
            classroom,
            "name finding",
            c ->
                c.getStatus().conditions.stream()
                    .anyMatch(x -> "InvalidName".equals(x.getReason())));
    assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "SpecValid").getMessage())
        .startsWith("metadata.name '1abc': " + Classroom.NAME_RULE)
        .contains("nothing is provisioned");
    assertThat(serverOf(classroom, "ada")).isNull();
  }

  @Test
  void aClassroomNameLongerThanTheRuleIsReportedWhileStudentsWhoseNamesFitAreProvisioned() {
    String ns = newNamespace();
    String name = "c".repeat(Classroom.MAX_NAME_LENGTH + 5);
    Classroom classroom = create(classroom(ns, name, "ada", "a".repeat(20)));

    Classroom status = statusWhere(classroom, "name finding", c -> c.getStatus().total == 1);
    assertThat(condition(status, "SpecValid").getReason()).isEqualTo("NameTooLong");
    assertThat(condition(status, "SpecValid").getMessage())
        .startsWith("metadata.name '" + name + "': " + Classroom.NAME_RULE);
    assertThat(condition(status, "RosterValid").getMessage()).contains("is too long");
    assertThat(serverOf(classroom, "ada")).isNotNull();
  }

  @Test
  void unreadableRosterNeverRemovesAnyoneAndSaysWhy() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "keep", "ada"));
    Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);

    edit(
        classroom,
        edited -> {
          edited.getSpec().roster.students = new java.util.ArrayList<>();
          edited.getSpec().roster.configMapRef = new ConfigMapKey();
          edited.getSpec().roster.configMapRef.name = "missing";
        });

    Classroom status =
        statusWhere(
            classroom,
            "roster not found",
            c ->
                c.getStatus().conditions.stream()
                    .anyMatch(x -> "RosterNotFound".equals(x.getReason())));
    assertThat(condition(status, "Ready").getReason()).isEqualTo("RosterUnavailable");
    assertThat(condition(status, "RosterValid").getMessage())
        .contains("ConfigMap missing", "no student is added or removed");
    assertThat(status.getStatus().total).as("existing servers still counted").isEqualTo(1);
    assertThat(serverOf(classroom, "ada")).isNotNull();
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("home-keep-ada").get())
        .isNotNull();
  }

  @Test
  void csvWithoutIdColumnIsRefusedWithTheFileNamed() {
    String ns = newNamespace();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("names")
                .withNamespace(ns)
                .endMetadata()
                .addToData("roster.csv", "student,email\nada,ada@example.org\n")
                .build())
        .create();
    Classroom spec = classroom(ns, "nohdr");
    spec.getSpec().roster.configMapRef = new ConfigMapKey();
    spec.getSpec().roster.configMapRef.name = "names";
    Classroom classroom = create(spec);

    Classroom status =
        statusWhere(classroom, "unreadable", c -> !c.getStatus().conditions.isEmpty());
    assertThat(condition(status, "RosterValid").getReason()).isEqualTo("RosterUnreadable");
    assertThat(condition(status, "RosterValid").getMessage())
        .contains("ConfigMap names key roster.csv", "no 'id' column");
  }

  /** The reasons of the namespace's Events once one has {@code reason}: they are recorded after the status write. */
  private static List<String> eventReasons(String namespace, String reason) {
    return Eventually.until(
        "an Event " + reason,
        () ->
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                .map(Event::getReason)
                .toList(),
        reasons -> reasons.contains(reason));
  }
}
