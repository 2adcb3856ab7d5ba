package dev.tito.gateway.classes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.GatewayAccess;
import dev.tito.operator.classroom.Student;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** grace teaches ml (which lets instructors open servers) and lab (which does not); ada is in both. */
class DirectoryTest {
  static final Directory DIRECTORY =
      Directory.of(
          List.of(
              roster("course", "ml", true, "grace@example.edu"),
              roster("course", "lab", false, "grace@example.edu"),
              roster("other", "art", true, "alan@example.edu")));

  @ParameterizedTest(name = "{0} may open {1}/{2}: {3}")
  @CsvSource({
    "grace@example.edu, ml, ada, true",
    "GRACE@example.edu, ml, ada, true",
    "grace@example.edu, lab, ada, false",
    "grace@example.edu, art, ada, false",
    "alan@example.edu, ml, ada, false",
    "alan@example.edu, art, ada, true",
    "ada@example.edu, ml, ada, false",
    "ada@example.edu, ml, ben, false"
  })
  void onlyAnInstructorOfAClassThatAllowsItMayOpenItsStudentsServers(
      String user, String classroom, String student, boolean may) {
    ServerRef server = DIRECTORY.serverNamed(classroom + "-" + student);

    assertThat(DIRECTORY.mayOpen(user, server)).isEqualTo(may);
  }

  @Test
  void graceIsOfferedTheServersOfMlOnly() {
    assertThat(DIRECTORY.serversOpenableBy("grace@example.edu"))
        .extracting(ServerRef::key)
        .containsExactlyInAnyOrder("course/ml/ada", "course/ml/ben");
    assertThat(DIRECTORY.serversOpenableBy("ada@example.edu")).isEmpty();
  }

  @Test
  void aServerNameInTwoNamespacesHasNoHostOfItsOwn() {
    Directory twice =
        Directory.of(
            List.of(
                roster("course", "ml", true, "grace@example.edu"),
                roster("other", "ml", true, "grace@example.edu")));
    // their paths differ (the other namespace's path prefix), their names do not
    assertThat(twice.serversOf("ada@example.edu")).hasSize(2);
    assertThat(twice.serverNamed("ml-ada")).isNull();
    assertThat(DIRECTORY.serverNamed("ml-ada").namespace()).isEqualTo("course");
  }

  private static Directory.ClassRoster roster(
      String namespace, String name, boolean instructorsOpenServers, String instructor) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName(name);
    classroom.getMetadata().setNamespace(namespace);
    classroom.setSpec(new ClassroomSpec());
    if (namespace.equals("other")) {
      classroom.getSpec().access = new Access();
      classroom.getSpec().access.pathPrefix = "/other";
    }
    classroom.getSpec().gateway = new GatewayAccess();
    classroom.getSpec().gateway.instructors = List.of(instructor);
    classroom.getSpec().gateway.instructorsOpenServers = instructorsOpenServers;
    return new Directory.ClassRoster(
        classroom,
        List.of(
            new Student("ada", "Ada", "ada@example.edu"),
            new Student("ben", "Ben", "ben@example.edu")));
  }
}
