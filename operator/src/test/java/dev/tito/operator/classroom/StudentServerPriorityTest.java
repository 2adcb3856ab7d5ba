package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.operator.cluster.DesiredHash;
import org.junit.jupiter.api.Test;

class StudentServerPriorityTest {

  @Test
  void serverPodsCarryTheConfiguredPriorityClass() {
    var template =
        StudentServer.template(classroom(), new Student("ada", null, null), "tito-student-server");

    var server =
        StudentServer.desired(
            classroom(), new Student("ada", null, null), template, "h", ServerState.running("h"));

    assertThat(server.getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo("tito-student-server");
  }

  @Test
  void noPriorityClassLeavesTheClustersDefault() {
    var template = StudentServer.template(classroom(), new Student("ada", null, null), null);

    assertThat(template.getSpec().getPriorityClassName()).isNull();
  }

  @Test
  void changingThePriorityClassChangesTheTemplateHash() {
    Student ada = new Student("ada", null, null);

    assertThat(DesiredHash.of(StudentServer.template(classroom(), ada, "a")))
        .isNotEqualTo(DesiredHash.of(StudentServer.template(classroom(), ada, "b")));
  }

  private static Classroom classroom() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace("course");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
    return classroom;
  }
}
