package dev.tito.operator.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.operator.cache.Trimmed;
import dev.tito.operator.classroom.ChildMetadata;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.StudentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ConfigMap {@code <classroom>-<student>-results} a student's server may read: per assignment the latest
 * Submission's summary ({@code <assignment>.json}) and feedback page ({@code <assignment>.html}), the pages cut so
 * the whole ConfigMap stays under the API server's 1 MiB limit.
 */
public final class StudentResults {
  /** Kubernetes refuses a ConfigMap over 1 MiB; keys, metadata and the JSON encoding of the data need headroom. */
  static final int MAX_DATA_BYTES = 1024 * 1024 - 64 * 1024;

  static final String CUT_NOTE =
      "\n<p><strong>Feedback cut here: it is too long to show in full.</strong></p>\n";
  private static final String FEEDBACK_SUFFIX = ".html";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private StudentResults() {}

  /** Per assignment, the newest of a student's Submissions (by creation time, then name). */
  public static Map<String, Submission> latestByAssignment(Collection<Submission> submissions) {
    Comparator<Submission> newest =
        Comparator.comparing(
                (Submission s) ->
                    s.getMetadata().getCreationTimestamp() == null
                        ? ""
                        : s.getMetadata().getCreationTimestamp())
            .thenComparing(s -> s.getMetadata().getName());
    return submissions.stream()
        .collect(
            Collectors.toMap(
                s -> s.getSpec().assignment,
                Function.identity(),
                (a, b) -> newest.compare(a, b) >= 0 ? a : b,
                TreeMap::new));
  }

  /**
   * What the results informer keeps of a results ConfigMap: its metadata and summaries, and of each feedback page only
   * that it is there (the pages are most of its bytes, and read only when a summary changed).
   */
  static ConfigMap trimmed(ConfigMap full) {
    ConfigMap trimmed = Trimmed.of(full);
    Map<String, String> data = new TreeMap<>();
    if (full.getData() != null) {
      full.getData()
          .forEach((key, value) -> data.put(key, key.endsWith(FEEDBACK_SUFFIX) ? "" : value));
    }
    trimmed.setData(data);
    return trimmed;
  }

  /**
   * Whether the cached results ConfigMap (as {@link #trimmed} keeps it) already shows these summaries, with a page for
   * each latest Submission that has one, and nobody else changed it: then there is nothing to write or read.
   */
  static boolean shows(
      ConfigMap cached, Map<String, String> summaries, Map<String, Submission> latest) {
    if (cached == null
        || cached.getData() == null
        || cached.getMetadata().getManagedFields() != null
            && !cached.getMetadata().getManagedFields().isEmpty()) {
      return false;
    }
    Map<String, String> expected = new TreeMap<>();
    summaries.forEach((assignment, json) -> expected.put(summaryKey(assignment), json));
    latest.forEach(
        (assignment, submission) -> {
          if (submission.getStatus() != null && submission.getStatus().feedbackConfigMap != null) {
            expected.put(feedbackKey(assignment), "");
          }
        });
    return expected.equals(cached.getData());
  }

  public static String summaryKey(String assignment) {
    return assignment + ".json";
  }

  public static String feedbackKey(String assignment) {
    return assignment + FEEDBACK_SUFFIX;
  }

  public static String summaryJson(Submission submission) {
    try {
      return JSON.writeValueAsString(SubmissionSummary.of(submission));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The results ConfigMap for these summaries and feedback pages (both keyed by assignment); pages are cut evenly
   * when together they would pass the size limit.
   */
  public static ConfigMap desired(
      Classroom classroom,
      String student,
      Map<String, String> summaries,
      Map<String, String> feedback) {
    Map<String, String> data = new TreeMap<>();
    summaries.forEach((assignment, json) -> data.put(summaryKey(assignment), json));
    int left = MAX_DATA_BYTES - data.values().stream().mapToInt(StudentResults::bytes).sum();
    int perPage = feedback.isEmpty() ? 0 : Math.max(0, left / feedback.size());
    feedback.forEach((assignment, html) -> data.put(feedbackKey(assignment), cut(html, perPage)));
    return new ConfigMapBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom,
                student,
                StudentNames.results(classroom, student),
                ClassroomLabels.RESULTS_COMPONENT))
        .withData(new LinkedHashMap<>(data))
        .build();
  }

  /**
   * The grading Job's page, with the scores and comments a person gave (from the Submission's status) in place of the
   * autograder's; the page itself when nobody graded by hand.
   */
  public static String withPersonsGrades(String page, Submission submission) {
    SubmissionStatus status = submission.getStatus();
    if (status == null
        || status.results.stream().noneMatch(r -> r.manualScore != null || r.extraCredit != null)) {
      return page;
    }
    return FeedbackPage.regrade(
        page,
        SubmissionResults.result(
            submission.getSpec().assignment, submission.getSpec().student, status));
  }

  /** The page itself when it fits in maxBytes, else its start and a note, within maxBytes. */
  static String cut(String html, int maxBytes) {
    if (bytes(html) <= maxBytes) {
      return html;
    }
    int keep = Math.max(0, maxBytes - bytes(CUT_NOTE));
    byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
    // back off to a character boundary: never cut a multi-byte UTF-8 sequence
    while (keep > 0 && (utf8[keep] & 0xC0) == 0x80) {
      keep--;
    }
    return new String(utf8, 0, keep, StandardCharsets.UTF_8) + CUT_NOTE;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
