package dev.tito.operator.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudentResultsTest {

  @Test
  void feedbackPagesAreCutSoTheWholeConfigMapStaysUnderOneMebibyte() {
    String big = "<p>" + "é".repeat(400_000) + "</p>";
    ConfigMap results = StudentResults.desired(classroom(), "ada",
        Map.of("a1", "{\"name\":\"a1-ada-x\"}", "a2", "{\"name\":\"a2-ada-y\"}"), Map.of("a1", big, "a2", big));

    int total = results.getData().entrySet().stream()
        .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    assertThat(total).isLessThan(1024 * 1024);
    assertThat(results.getData().get("a1.html")).startsWith("<p>éé").endsWith(StudentResults.CUT_NOTE)
        .doesNotContain("\uFFFD");
    assertThat(results.getData().get("a1.json")).isEqualTo("{\"name\":\"a1-ada-x\"}");
  }

  @Test
  void aPageThatFitsIsKeptWhole() {
    ConfigMap results = StudentResults.desired(classroom(), "ada", Map.of("a1", "{}"), Map.of("a1", "<p>fine</p>"));

    assertThat(results.getData()).containsEntry("a1.html", "<p>fine</p>");
    assertThat(results.getMetadata().getName()).isEqualTo("ml-ada-results");
  }

  private static Classroom classroom() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace("course");
    classroom.getMetadata().setUid("uid-1");
    return classroom;
  }
}
