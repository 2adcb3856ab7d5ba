package dev.tito.console.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.console.web.Pages;
import dev.tito.console.web.WebRequest;
import dev.tito.console.web.WebResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCourseTest {
  @TempDir Path course;

  @Test
  void aDamagedResultFileIsOneLineOnTheGradebookNamingIt() throws Exception {
    Files.createDirectories(course.resolve(".tito/grades/m1"));
    Files.writeString(
        course.resolve(".tito/m1.json"), "{\"m1\": {\"duedate\": null, \"notebooks\": {}}}");
    Files.writeString(
        course.resolve(".tito/grades/m1/ada.json"), "{\"schema_version\": 1, \"module\": ");

    try (LocalCourse local = new LocalCourse(course, Clock.systemUTC())) {
      WebResponse page =
          new Pages(local, Clock.systemUTC(), "alice")
              .handle(WebRequest.of("GET", "/", null, null));

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.text())
          .contains(
              "<p class=\"problem\" role=\"alert\">" + course.resolve(".tito/grades/m1/ada.json"));
    }
  }

  @Test
  void aCourseWithNothingReleasedSaysWhatToDo() {
    try (LocalCourse local = new LocalCourse(course, Clock.systemUTC())) {
      WebResponse page =
          new Pages(local, Clock.systemUTC(), "alice")
              .handle(WebRequest.of("GET", "/", null, null));

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).contains("Nothing is graded yet. Release and grade a module first");
    }
  }

  @Test
  void anAddressThatIsNoPageIsNotFoundAndAMissingSubmissionIsOneLine() {
    try (LocalCourse local = new LocalCourse(course, Clock.systemUTC())) {
      Pages pages = new Pages(local, Clock.systemUTC(), "alice");

      assertThat(pages.handle(WebRequest.of("GET", "/nothing/here", null, null)).status())
          .isEqualTo(404);
      assertThat(pages.handle(WebRequest.of("GET", "/submission/m1/ada", null, null)).text())
          .contains("no module 'm1' in course ");
      assertThat(WebRequest.of("GET", "/submission/%zz/ada", null, null)).isNull();
    }
  }
}
