package dev.tito.notebook.hostile;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.withIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.autograde.Tampering;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers that hook the kernel's execution path (IPython's transformers and events, the shell's, kernel's and
 * session's methods and their code, message handlers, builtins, library functions, trace functions, threads and
 * timers that put hooks back, the guard itself), each with a wrong {@code add}: without the guard every one would
 * score 3 of 3. Graded on real kernels as {@code tito module grade --parallel 2} does; each must score nothing the
 * test did not earn as written, and whatever the guard undid or could not exclude is in front of a person. Two honest
 * students, one using libraries that install hooks of their own, score 3 of 3 with nothing suspected.
 */
class TamperingStudentCodeTest {
  private static final String MODULE = "m1";
  private static final Map<String, GradingResult> RESULTS = new TreeMap<>();

  @TempDir static Path temp;

  @BeforeAll
  static void gradeEveryone() throws Exception {
    // TITO_PYTHON picks another Jupyter stack (a course image's, say) to run the same suite against
    Path python = LocalJupyter.python(System.getenv());
    assumeTrue(
        Files.isExecutable(python)
            && new ProcessBuilder(python.toString(), "-c", "import nbconvert, ipykernel")
                    .start()
                    .waitFor()
                == 0,
        "needs Jupyter: " + python + " with nbconvert and ipykernel");
    ReleasedNotebook released = StudentRelease.release(source(), ReleaseOptions.defaults());
    Path course = Files.createDirectories(temp.resolve("course"));
    ReleaseGradebook gradebook =
        new ReleaseGradebook(null, new TreeMap<>(Map.of("p1", released.gradebookRows())));
    Files.createDirectories(course.resolve(".tito"));
    Files.write(
        course.resolve(".tito/" + MODULE + ".json"),
        new ObjectMapper().writeValueAsBytes(Map.of(MODULE, gradebook)));
    Map<String, String> answers = new LinkedHashMap<>(TamperingCode.attacks());
    answers.put("honest", "def add(a, b):\n    return a + b");
    answers.put(
        "honest_with_libraries",
        """
        import dataclasses, functools, threading
        import numpy as np
        @dataclasses.dataclass
        class Pair:
            a: float
            b: float
        @functools.lru_cache
        def add(a, b):
            return float(np.add(Pair(a, b).a, Pair(a, b).b))
        worker = threading.Thread(target=print, args=('a thread that ends',))
        worker.start()
        worker.join()""");
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      Path dir =
          Files.createDirectories(course.resolve("submitted/" + answer.getKey() + "/" + MODULE));
      Files.write(
          dir.resolve("p1.ipynb"),
          NotebookWriter.toBytes(
              HostileStudentCodeTest.answer(released.student(), answer.getValue())));
    }
    CourseGrading grading = new CourseGrading(course, MODULE);
    ExecutionLimits limits =
        ExecutionLimits.defaults()
            .withPerCellTimeout(Duration.ofSeconds(20))
            .withDeadline(Duration.ofSeconds(120));
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(python, 2)) {
      SubmissionGrader grader =
          new SubmissionGrader(new NotebookAutograder(executor, limits), LatePolicy.NONE);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Map<String, Future<GradingResult>> futures = new TreeMap<>();
      for (String student : grading.students()) {
        futures.put(student, pool.submit(() -> grading.grade(student, grader, true).result()));
      }
      for (Map.Entry<String, Future<GradingResult>> future : futures.entrySet()) {
        RESULTS.put(future.getKey(), future.getValue().get());
      }
      pool.shutdown();
    }
  }

  /** An answer, a visible test (1 point) and a hidden test (2 points) that use a builtin and a library function. */
  private static Notebook source() {
    return withIds(
        notebook(
            solution(
                code(
                    "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"),
                "answer"),
            tests(
                code("result = add(1, 2)\nassert result == 3\nprint('visible passed')"),
                "visible",
                1),
            tests(
                code(
                    "import math\nassert math.isclose(add(0.1, 0.2), 0.3)\n### BEGIN HIDDEN TESTS\n"
                        + "assert all([add(2, 2) == 4])\n### END HIDDEN TESTS\nprint('hidden passed')"),
                "hidden",
                2)));
  }

  /** Every hook, and what the guard says about it (a test's message names it). */
  static Stream<Arguments> hooks() {
    return Stream.of(
        Arguments.of("input_transformer", "cleanup_transforms gained"),
        Arguments.of("input_transformer_post", "input_transformers_post gained"),
        Arguments.of("ast_transformer", "ast_transformers gained"),
        Arguments.of("pre_run_cell", "pre_run_cell callback"),
        Arguments.of("run_cell_on_the_class", "InteractiveShell.run_cell replaced"),
        Arguments.of("run_cell_on_the_shell", "run_cell replaced on the object"),
        Arguments.of("do_execute", "do_execute replaced on the object"),
        Arguments.of("message_handler", "execute_request handler replaced"),
        Arguments.of("session_send", "Session.send replaced"),
        Arguments.of("code_swap", "InteractiveShell.transform_cell replaced"),
        Arguments.of("trace_jumps_over_asserts", "a trace function was set"),
        Arguments.of("builtin_replaced", "builtins.all replaced"),
        Arguments.of("builtin_shadowed", "the answers redefine all"),
        Arguments.of("library_patched", "math.isclose is code from the answers"),
        Arguments.of("module_swapped", "math"),
        Arguments.of("thread_rehooks", "a thread the answers started is still running"),
        Arguments.of("timer_rehooks", "interval timer was running"),
        Arguments.of("execution_result", "a cell that must fail did not fail as written"),
        Arguments.of("forged_check", "tito's check did not answer"),
        Arguments.of("hunts_the_guard", "gc.get_objects"),
        Arguments.of("closes_the_channel", "tito's evidence channel was closed"),
        Arguments.of("ctypes_into_python", "Python's C API (PyFrame_LocalsToFast)"),
        Arguments.of("forged_file_name", "compiles code under another file's name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hooks")
  void aHookedExecutionPathEarnsNothingAndIsPutInFrontOfAPerson(String student, String evidence) {
    GradingResult result = RESULTS.get(student);
    String said = String.join("\n", Tampering.of(result));

    assertThat(result.score()).as(said).isZero();
    if (result.failure().equals("ok")) {
      assertThat(result.needsManualGrade()).as(said).isTrue();
      assertThat(said).contains(Tampering.SUSPECTED).contains(evidence);
    } else {
      // a hook can also break its own kernel (a 1 ms timer signal does on some Jupyter versions):
      // nothing is scored
      assertThat(result.failure())
          .as(result.notebooks().get(0).failureMessage())
          .isIn("kernel_died", "timeout");
    }
  }

  @Test
  void everyHookInTheSuiteIsChecked() {
    assertThat(hooks().map(a -> (String) a.get()[0]))
        .containsExactlyInAnyOrderElementsOf(TamperingCode.attacks().keySet());
  }

  @Test
  void honestStudentsGetFullMarksWithNothingSuspected() {
    for (String student : new String[] {"honest", "honest_with_libraries"}) {
      GradingResult result = RESULTS.get(student);
      assertThat(Tampering.of(result)).as(student).isEmpty();
      assertThat(result.score()).as(student).isEqualTo(3.0);
      assertThat(result.needsManualGrade()).as(student).isFalse();
    }
  }
}
