package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.cli.TitoRun;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample course's submissions graded twice with a real kernel: by {@code tito module grade}'s pieces, and as a
 * grading Job runs them (projected ConfigMaps, {@code tito job prepare}, the execute container's command
 * line, {@code tito job score}). Both must give the same grades.
 */
class JobParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, GradingResult> LOCAL = new TreeMap<>();
  private static final Map<String, GradingResult> JOB = new TreeMap<>();

  @TempDir static Path temp;

  @BeforeAll
  static void gradeBothWays() throws Exception {
    assumeTrue(ExecuteContainer.jupyterInstalled(), ExecuteContainer.NEEDS_JUPYTER);
    Path course = TitoRun.sampleCourseIn(temp);
    TitoRun release =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());
    assertThat(release.exitCode()).as(release.err()).isZero();
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor()) {
      SubmissionGrader local =
          new SubmissionGrader(
              new NotebookAutograder(executor, ExecutionLimits.defaults()), LatePolicy.NONE);
      for (String module : List.of("01_tensor", "02_activations")) {
        CourseGrading grading = new CourseGrading(course, module);
        for (String student : grading.students()) {
          LOCAL.put(student + "/" + module, grading.grade(student, local, true).result());
          JOB.put(student + "/" + module, gradeInAJob(course, module, student));
        }
      }
    }
  }

  private static GradingResult gradeInAJob(Path course, String module, String student)
      throws Exception {
    Path job = Files.createDirectories(temp.resolve("jobs").resolve(student + "-" + module));
    Path gradebook = Files.createDirectories(job.resolve("gradebook")).resolve("gradebook.json");
    Files.copy(course.resolve(".tito").resolve(module + ".json"), gradebook);
    Path release =
        ProjectedVolume.of(
            Files.createDirectories(job.resolve("release")),
            filesOf(course.resolve("release").resolve(module)));
    Path submission =
        ProjectedVolume.of(
            Files.createDirectories(job.resolve("submission")),
            filesOf(course.resolve("submitted").resolve(student).resolve(module)));
    Path work = Files.createDirectories(job.resolve("work"));

    TitoRun prepare =
        TitoRun.of(
            "job",
            "prepare",
            "--gradebook",
            gradebook.toString(),
            "--assignment",
            module,
            "--submission",
            submission.toString(),
            "--release",
            release.toString(),
            "--work",
            work.toString());
    assertThat(prepare.exitCode()).as(prepare.err()).isZero();
    ExecuteContainer.run(work);
    TitoRun score =
        TitoRun.of(
            "job",
            "score",
            "--gradebook",
            gradebook.toString(),
            "--assignment",
            module,
            "--student",
            student,
            "--submission",
            submission.toString(),
            "--work",
            work.toString(),
            "--termination-log",
            job.resolve("termination-log").toString());
    assertThat(score.exitCode()).as(score.err()).isZero();
    JsonNode line = JSON.readTree(score.out());
    return JSON.treeToValue(line.get("result"), GradingResult.class);
  }

  private static Map<String, byte[]> filesOf(Path folder) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Everything but the time each phase took. */
  private static List<NotebookGrade> grades(GradingResult result) {
    return result.notebooks().stream()
        .map(
            n ->
                new NotebookGrade(
                    n.name(),
                    n.submitted(),
                    n.failure(),
                    n.failureMessage(),
                    n.score(),
                    n.maxScore(),
                    n.latePenalty(),
                    n.needsManualGrade(),
                    n.tests(),
                    n.comments(),
                    n.notes(),
                    new Timings(0, 0, 0)))
        .toList();
  }

  @Test
  void everySampleSubmissionGetsTheSameGradesInAJobAsWithTitoModuleGrade() {
    assertThat(JOB.keySet())
        .containsExactly("ada/01_tensor", "ada/02_activations", "ben/01_tensor", "eve/01_tensor");
    LOCAL.forEach(
        (key, local) -> {
          GradingResult job = JOB.get(key);
          assertThat(grades(job)).as(key).isEqualTo(grades(local));
          assertThat(job.score()).as(key).isEqualTo(local.rawScore());
          assertThat(job.maxScore()).as(key).isEqualTo(local.maxScore());
        });
  }

  @Test
  void theSamplesAreNotAllTheSameGrade() {
    // the comparison above means something only if the submissions differ in what they earn
    assertThat(LOCAL.values().stream().map(GradingResult::rawScore).distinct().count())
        .isGreaterThan(1);
    assertThat(LOCAL.values()).allSatisfy(r -> assertThat(r.failure()).isEqualTo("ok"));
  }
}
