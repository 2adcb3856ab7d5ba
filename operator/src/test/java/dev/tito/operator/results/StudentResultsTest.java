package dev.tito.operator.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StudentResultsTest {

  @Test
  void feedbackPagesAreCutSoTheWholeConfigMapStaysUnderOneMebibyte() {
    String big = "<p>" + "é".repeat(400_000) + "</p>";
    ConfigMap results =
        StudentResults.desired(
            classroom(),
            "ada",
            Map.of("a1", "{\"name\":\"a1-ada-x\"}", "a2", "{\"name\":\"a2-ada-y\"}"),
            Map.of("a1", big, "a2", big));

    int total =
        results.getData().entrySet().stream()
            .mapToInt(
                e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length)
            .sum();
    assertThat(total).isLessThan(1024 * 1024);
    assertThat(results.getData().get("a1.html"))
        .startsWith("<p>éé")
        .endsWith(StudentResults.CUT_NOTE)
        .doesNotContain("\uFFFD");
    assertThat(results.getData().get("a1.json")).isEqualTo("{\"name\":\"a1-ada-x\"}");
  }

  @Test
  void aPageThatFitsIsKeptWhole() {
    ConfigMap results =
        StudentResults.desired(classroom(), "ada", Map.of("a1", "{}"), Map.of("a1", "<p>fine</p>"));

    assertThat(results.getData()).containsEntry("a1.html", "<p>fine</p>");
    assertThat(results.getMetadata().getName()).isEqualTo("ml-ada-results");
  }

  static Stream<Arguments> cachedResults() {
    ConfigMap shown =
        StudentResults.trimmed(
            StudentResults.desired(
                classroom(),
                "ada",
                Map.of("a1", "{\"phase\":\"Graded\"}", "a2", "{\"phase\":\"Queued\"}"),
                Map.of("a1", "<p>page</p>")));
    ConfigMap edited = StudentResults.trimmed(shown);
    edited
        .getMetadata()
        .setManagedFields(
            List.of(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl-edit")
                    .withOperation("Update")
                    .withFieldsType("FieldsV1")
                    .build()));
    return Stream.of(
        Arguments.of(
            "every summary and page shown: nothing to read or write", shown, Map.of(), true),
        Arguments.of("a summary changed", shown, Map.of("a2", "{\"phase\":\"Grading\"}"), false),
        Arguments.of("a new assignment", shown, Map.of("a3", "{}"), false),
        Arguments.of("a page not shown yet", shown, Map.of("a2+page", ""), false),
        Arguments.of("nothing cached", null, Map.of(), false),
        Arguments.of("another actor changed it", edited, Map.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cachedResults")
  void theCachedResultsAreTrustedOnlyWhenTheyShowWhatTheStudentShouldSee(
      String what, ConfigMap cached, Map<String, String> change, boolean shows) {
    Map<String, String> summaries =
        new TreeMap<>(Map.of("a1", "{\"phase\":\"Graded\"}", "a2", "{\"phase\":\"Queued\"}"));
    Map<String, String> pages = new TreeMap<>(Map.of("a1", "a1-ada-1-feedback"));
    change.forEach(
        (assignment, summary) -> {
          if (assignment.endsWith("+page")) {
            pages.put(assignment.replace("+page", ""), "feedback");
          } else {
            summaries.put(assignment, summary);
          }
        });
    Map<String, Submission> latest = new TreeMap<>();
    summaries
        .keySet()
        .forEach(assignment -> latest.put(assignment, submission(pages.get(assignment))));

    assertThat(StudentResults.shows(cached, summaries, latest)).isEqualTo(shows);
    if (cached != null) {
      assertThat(cached.getData().get("a1.html"))
          .as("the cache keeps that a page is there, not the page")
          .isEmpty();
    }
  }

  private static Submission submission(String feedbackConfigMap) {
    Submission submission = new Submission();
    submission.setStatus(new SubmissionStatus());
    submission.getStatus().feedbackConfigMap = feedbackConfigMap;
    return submission;
  }

  private static Classroom classroom() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace("course");
    classroom.getMetadata().setUid("uid-1");
    return classroom;
  }
}
