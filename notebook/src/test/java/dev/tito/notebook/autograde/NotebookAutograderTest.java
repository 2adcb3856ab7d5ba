package dev.tito.notebook.autograde;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The autograde pipeline around a stand-in executor: what is sent to the kernel and how outcomes score. */
class NotebookAutograderTest {
  private static final ReleasedNotebook RELEASED =
      StudentRelease.release(
          notebook(
              solution(
                  code("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION"),
                  "answer"),
              tests(
                  code(
                      "assert f() == 1\n### BEGIN HIDDEN TESTS\nassert f() != 2\n### END HIDDEN TESTS"),
                  "check",
                  2)),
          ReleaseOptions.defaults());

  /** Records what it was asked to run and answers with the notebook, an error output in the "check" cell. */
  private static final class FailingTests implements NotebookExecutor {
    final List<Notebook> sent = new ArrayList<>();
    FailureClass failure = FailureClass.OK;

    @Override
    public ExecutionOutcome execute(
        String fileName,
        Notebook notebook,
        List<java.nio.file.Path> dataDirs,
        ExecutionLimits limits,
        dev.tito.notebook.execute.ExecutionPurpose purpose) {
      sent.add(notebook.deepCopy());
      if (failure != FailureClass.OK) {
        return ExecutionOutcome.failed(failure, "stopped", Duration.ofSeconds(1));
      }
      Notebook executed = notebook.deepCopy();
      for (Cell cell : executed.cells()) {
        if ("check".equals(GradingFlags.gradeId(cell))) {
          cell.outputs()
              .add(
                  json(
                      "{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"\", "
                          + "\"traceback\": []}"));
        }
      }
      return new ExecutionOutcome(executed, FailureClass.OK, "", Duration.ofSeconds(1));
    }
  }

  private static Notebook submission(String answer, String testSource) {
    Notebook copy = RELEASED.student().deepCopy();
    for (Cell cell : copy.cells()) {
      if ("answer".equals(GradingFlags.gradeId(cell))) {
        cell.setSource(answer);
      }
      if ("check".equals(GradingFlags.gradeId(cell)) && testSource != null) {
        cell.setSource(testSource);
      }
      if (cell.isCode()) {
        cell.outputs()
            .add(json("{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"passed\"}"));
      }
    }
    return copy;
  }

  @Test
  void theKernelRunsTheRestoredTestsHiddenOnesIncludedAndNoSavedOutputs() {
    FailingTests executor = new FailingTests();
    AutogradedNotebook graded =
        new NotebookAutograder(executor, ExecutionLimits.defaults())
            .grade(
                "p1",
                submission("def f():\n    return 2", "pass"),
                RELEASED.gradebookRows(),
                List.of(),
                true);
    Notebook sent = executor.sent.get(0);
    assertThat(sent.cells().get(1).source()).contains("assert f() == 1", "assert f() != 2");
    assertThat(sent.cells()).allSatisfy(c -> assertThat(c.outputs()).isEmpty());
    TestResult check = graded.grade().tests().get(0);
    assertThat(check.status()).isEqualTo(TestStatus.FAILED);
    assertThat(check.hidden()).isTrue();
    assertThat(graded.grade().notes())
        .anyMatch(n -> n.startsWith("Attribute 'source' for cell check has changed!"));
  }

  @Test
  void aFailedRunGivesItsFailureClassAndZeroForTheTests() {
    FailingTests executor = new FailingTests();
    executor.failure = FailureClass.KERNEL_DIED;
    NotebookGrade grade =
        new NotebookAutograder(executor, ExecutionLimits.defaults())
            .grade(
                "p1",
                submission("def f():\n    return 1", null),
                RELEASED.gradebookRows(),
                List.of(),
                true)
            .grade();
    assertThat(grade.failure()).isEqualTo("kernel_died");
    assertThat(grade.score()).isZero();
    assertThat(grade.tests().get(0).message()).isEqualTo("kernel_died: stopped");
  }

  @Test
  void noExecuteGradesTheSavedOutputsWithoutAKernel() {
    FailingTests executor = new FailingTests();
    NotebookGrade grade =
        new NotebookAutograder(executor, ExecutionLimits.defaults())
            .grade(
                "p1",
                submission("def f():\n    return 1", null),
                RELEASED.gradebookRows(),
                List.of(),
                false)
            .grade();
    assertThat(executor.sent).isEmpty();
    assertThat(grade.score()).isEqualTo(2.0);
  }

  @Test
  void aNotebookNotHandedInScoresZeroWithoutNeedingAPerson() {
    NotebookGrade grade =
        new NotebookAutograder(new FailingTests(), ExecutionLimits.defaults())
            .grade("p1", null, RELEASED.gradebookRows(), List.of(), true)
            .grade();
    assertThat(grade.submitted()).isFalse();
    assertThat(grade.tests())
        .allSatisfy(
            t -> {
              assertThat(t.status()).isEqualTo(TestStatus.MISSING);
              assertThat(t.needsManualGrade()).isFalse();
            });
    assertThat(grade.maxScore()).isEqualTo(2.0);
  }
}
