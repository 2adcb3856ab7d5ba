package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import org.junit.jupiter.api.Test;

class StudentNamesTest {
  private final Classroom classroom = named("ml101");

  @Test
  void namesEveryObjectOfAStudent() {
    assertThat(StudentNames.server(classroom, "ada")).isEqualTo("ml101-ada");
    assertThat(StudentNames.home(classroom, "ada")).isEqualTo("home-ml101-ada");
    assertThat(StudentNames.token(classroom, "ada")).isEqualTo("ml101-ada-token");
  }

  @Test
  void acceptsDnsLabelIdsThatFit() {
    assertThat(StudentNames.problem(classroom, "ada-2")).isNull();
    assertThat(
            StudentNames.problem(
                classroom, "a".repeat(StudentNames.MAX_SERVER_NAME - "ml101-".length())))
        .isNull();
  }

  @Test
  void explainsWhyAnIdCannotNameObjects() {
    assertThat(StudentNames.problem(classroom, "Ada"))
        .contains("'Ada' is not a valid Kubernetes name");
    assertThat(StudentNames.problem(classroom, "ada@uni.edu"))
        .contains("not a valid Kubernetes name");
    assertThat(StudentNames.problem(classroom, "2ada")).contains("starting with a letter");
    assertThat(StudentNames.problem(classroom, "a".repeat(47)))
        .contains("is too long", "exceeds 52 characters");
  }

  private static Classroom named(String name) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName(name);
    return classroom;
  }
}
