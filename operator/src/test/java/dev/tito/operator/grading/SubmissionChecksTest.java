package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.grading.SubmissionChecks.Verdict.Kind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks before any grading Job, in their order, and what each reads only once the earlier ones passed. */
class SubmissionChecksTest {
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private static final String NOTEBOOK =
      "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}";

  /** One situation: what differs from a released assignment, a class with ada on its roster, and her files. */
  record Case(
      String sentence,
      Consumer<Fixture> change,
      Kind kind,
      SubmissionWait waitingFor,
      String failureClass,
      String message,
      List<String> reads) {
    @Override
    public String toString() {
      return sentence;
    }
  }

  /** The objects and reads a check sees; {@link #reads} records what it asked for, in order. */
  static final class Fixture {
    Submission submission = GradedSubmissions.adasSubmission("ml", "m1", "ada-1");
    Assignment assignment = GradedSubmissions.assignment("ml", "m1");
    Classroom classroom = new Classroom();
    Boolean onRoster = true;
    Map<String, String> files = Map.of("01_tensor.ipynb", NOTEBOOK, "data.csv", "1,2");
    boolean gradebook = true;
    boolean release = true;
    final List<String> reads = new ArrayList<>();

    Fixture() {
      submission.getMetadata().setCreationTimestamp(CREATED.toString());
      submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "ml"));
      assignment.setStatus(new AssignmentStatus());
      assignment.getStatus().releasedRevision = "abc";
      classroom.getMetadata().setName("ml");
      classroom.setSpec(new ClassroomSpec());
      classroom.getSpec().grading = new GradingDefaults();
    }

    SubmissionChecks.Reads reads() {
      return new SubmissionChecks.Reads() {
        @Override
        public Boolean onRoster(Classroom classroom, String student) {
          reads.add("roster");
          return onRoster;
        }

        @Override
        public ConfigMap files(String namespace, String name) {
          reads.add("files");
          return files == null
              ? null
              : new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withData(files)
                  .build();
        }

        @Override
        public ReleaseGradebook gradebook(String namespace, String assignment, String revision) {
          reads.add("gradebook");
          return gradebook
              ? new ReleaseGradebook(
                  null, new TreeMap<>(Map.of("01_tensor", rows(), "02_more", rows())))
              : null;
        }

        @Override
        public List<String> releaseConfigMaps(
            String namespace, String assignment, String revision) {
          reads.add("release");
          return release ? List.of("m1-release-abc-0") : null;
        }
      };
    }
  }

  private static ReleaseGradebook.NotebookRows rows() {
    return new ReleaseGradebook.NotebookRows(
        new TreeMap<>(), "{}", List.of(), new TreeMap<>(), new TreeMap<>());
  }

  static Stream<Arguments> checks() {
    List<String> all = List.of("roster", "files", "gradebook", "release");
    return Stream.of(
            new Case(
                "no Assignment of that name waits for one, reading nothing",
                f -> f.assignment = null,
                Kind.WAITING,
                SubmissionWait.AssignmentSetup,
                null,
                "no Assignment 'm1' in namespace ml (spec.assignment)",
                List.of()),
            new Case(
                "an Assignment not released yet is waited for",
                f -> f.assignment.getStatus().releasedRevision = null,
                Kind.WAITING,
                SubmissionWait.Release,
                null,
                "Assignment m1 is not released yet",
                List.of()),
            new Case(
                "an Assignment whose Classroom is missing waits for it",
                f -> f.classroom = null,
                Kind.WAITING,
                SubmissionWait.AssignmentSetup,
                null,
                "no Classroom 'ml' in namespace ml (Assignment m1 spec.classroom)",
                List.of()),
            new Case(
                "work labelled for another class is refused before the roster is read",
                f -> f.submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "other")),
                Kind.REFUSED,
                null,
                "InvalidSubmission",
                "labelled tito.dev/classroom=other",
                List.of()),
            new Case(
                "a roster that cannot be read is waited for",
                f -> f.onRoster = null,
                Kind.WAITING,
                SubmissionWait.Roster,
                null,
                "the roster of Classroom ml cannot be read",
                List.of("roster")),
            new Case(
                "a student not on the roster is refused, the files unread",
                f -> f.onRoster = false,
                Kind.REFUSED,
                null,
                "InvalidSubmission",
                "student 'ada' is not on the roster",
                List.of("roster")),
            new Case(
                "a missing files ConfigMap is refused",
                f -> f.files = null,
                Kind.REFUSED,
                null,
                "InvalidSubmission",
                "no ConfigMap 'ada-1' in namespace ml (spec.notebookConfigMap)",
                List.of("roster", "files")),
            new Case(
                "files over the class's limit are TooLarge",
                f -> f.classroom.getSpec().grading.maxSubmissionSize = "10",
                Kind.REFUSED,
                null,
                "TooLarge",
                "more than the class's limit of 10",
                List.of("roster", "files")),
            new Case(
                "a notebook that is not nbformat 4 is an InvalidNotebook",
                f -> f.files = Map.of("01_tensor.ipynb", "{\"nbformat\": 3, \"cells\": []}"),
                Kind.REFUSED,
                null,
                "InvalidNotebook",
                "ConfigMap ada-1:",
                List.of("roster", "files")),
            new Case(
                "work after the due date without a late policy is Late",
                f -> f.assignment.getSpec().dueAt = CREATED.minusSeconds(60).toString(),
                Kind.REFUSED,
                null,
                "Late",
                "accepts no late work",
                List.of("roster", "files")),
            new Case(
                "a due date that is no time is waited for, not refused",
                f -> f.assignment.getSpec().dueAt = "Friday",
                Kind.WAITING,
                SubmissionWait.AssignmentSetup,
                null,
                "cannot grade yet: Assignment m1 spec.dueAt 'Friday' is not an RFC 3339 time",
                List.of("roster", "files")),
            new Case(
                "a gradebook not stored yet is waited for",
                f -> f.gradebook = false,
                Kind.WAITING,
                SubmissionWait.Release,
                null,
                "the gradebook of Assignment m1 revision abc is not stored yet",
                List.of("roster", "files", "gradebook")),
            new Case(
                "a release not stored yet is waited for",
                f -> f.release = false,
                Kind.WAITING,
                SubmissionWait.Release,
                null,
                "the release of Assignment m1 revision abc is not stored yet",
                all),
            new Case(
                "a submission that passes every check is ready with the release's notebooks it holds",
                f -> {},
                Kind.READY,
                null,
                null,
                null,
                all))
        .map(c -> Arguments.of(c.sentence(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void theFirstCheckThatFailsDecides(String sentence, Case c) {
    Fixture fixture = new Fixture();
    c.change().accept(fixture);

    SubmissionChecks.Verdict verdict =
        SubmissionChecks.check(
            fixture.submission, fixture.assignment, fixture.classroom, fixture.reads());

    assertThat(verdict.kind()).as(verdict.message()).isEqualTo(c.kind());
    assertThat(verdict.waitingFor()).isEqualTo(c.waitingFor());
    assertThat(verdict.failureClass()).isEqualTo(c.failureClass());
    if (c.message() != null) {
      assertThat(verdict.message()).contains(c.message());
    }
    assertThat(fixture.reads).as("read").isEqualTo(c.reads());
    assertThat(verdict.files() != null)
        .as("the files are handed on once read")
        .isEqualTo(fixture.reads.contains("files") && fixture.files != null);
    if (c.kind() == Kind.READY) {
      assertThat(verdict.ready())
          .isEqualTo(
              new SubmissionChecks.Ready(
                  "abc", List.of("m1-release-abc-0"), List.of("01_tensor.ipynb")));
    }
  }
}
