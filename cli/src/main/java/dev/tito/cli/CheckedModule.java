package dev.tito.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.ModuleSources;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.GatedRelease;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.reference.NotebookRuns;
import dev.tito.notebook.reference.ReferenceModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One module (or notebook given on its own) that {@code tito module validate} checked: its findings, the module
 * {@code --execute} can grade (null when a notebook cannot be read or released), and what grading it gave.
 */
record CheckedModule(
    String name, List<Finding> findings, ReferenceModule reference, List<NotebookRuns> runs) {

  /** A module folder: its source problems, the gates' findings, then the one-per-file upgrade warnings. */
  static CheckedModule of(
      CourseModule module,
      ModuleSources sources,
      List<ModuleNotebook> read,
      GatedModule gated,
      List<Finding> upgrades) {
    List<Finding> findings = new ArrayList<>(sources.problems());
    findings.addAll(gated.findings());
    findings.addAll(upgrades);
    boolean whole = sources.problems().isEmpty() && read.size() == sources.notebooks().size();
    ReferenceModule reference =
        whole
            ? ReferenceModule.of(
                    module.name(), module.sourceDir(), read, gated, sources.notebooks())
                .orElse(null)
            : null;
    return new CheckedModule(module.name(), findings, reference, null);
  }

  /** A notebook given on its own: graded with its folder's other files as data files. */
  static CheckedModule of(ModuleNotebook notebook, GatedRelease gated, List<Finding> upgrades) {
    List<Finding> findings = new ArrayList<>(gated.findings());
    findings.addAll(upgrades);
    Path folder = notebook.file().toAbsolutePath().getParent();
    String name = String.valueOf(notebook.file().getFileName());
    ReferenceModule reference =
        gated.release() == null
            ? null
            : new ReferenceModule(
                name,
                folder,
                List.of(notebook),
                Map.of(notebook.file(), gated.release()),
                Set.copyOf(
                    withFile(
                        CourseModule.inFolder(folder).notebooks(),
                        notebook.file().toAbsolutePath())));
    return new CheckedModule(name, findings, reference, null);
  }

  private static List<Path> withFile(List<Path> notebooks, Path file) {
    List<Path> all = new ArrayList<>(notebooks.stream().map(Path::toAbsolutePath).toList());
    all.add(file);
    return all;
  }

  boolean runnable() {
    return reference != null;
  }

  /** This module with its runs and what they found added to its findings. */
  CheckedModule ran(List<NotebookRuns> ran, ReferenceGate gate) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(gate.findings(ran));
    return new CheckedModule(name, all, reference, ran);
  }

  /** One line of progress: how the module's tests did on its solution and on its release. */
  static String describe(List<NotebookRuns> runs) {
    int tests = 0;
    int solved = 0;
    int unsolved = 0;
    for (NotebookRuns run : runs) {
      tests += tests(run.solution());
      solved += passed(run.solution());
      unsolved += run.release() == null ? 0 : passed(run.release());
    }
    return solved + " of " + tests + " tests pass on the solution, " + unsolved + " without it";
  }

  /** The table of every notebook run: its tests, how many pass with and without the solution, and the time. */
  static void printRuns(List<CheckedModule> checked, PrintWriter out) {
    AlignedTable table =
        new AlignedTable("MODULE", "NOTEBOOK", "TESTS", "PASS ON SOLUTION", "PASS WITHOUT", "TIME")
            .alignRight(2)
            .alignRight(3)
            .alignRight(4)
            .alignRight(5);
    boolean any = false;
    for (CheckedModule module : checked) {
      for (NotebookRuns run : module.runs() == null ? List.<NotebookRuns>of() : module.runs()) {
        any = true;
        table.add(
            module.name(),
            run.solution().grade().name(),
            String.valueOf(tests(run.solution())),
            outcome(run.solution()),
            run.release() == null ? "-" : outcome(run.release()),
            String.format(Locale.ROOT, "%.2f s", run.solutionTime().toNanos() / 1e9));
      }
    }
    if (any) {
      table.print(out);
    }
  }

  /** The runs as JSON: for each notebook, its tests and both runs. */
  static void putRuns(List<CheckedModule> checked, ArrayNode into) {
    for (CheckedModule module : checked) {
      for (NotebookRuns run : module.runs() == null ? List.<NotebookRuns>of() : module.runs()) {
        ObjectNode node = into.addObject();
        node.put("module", module.name());
        node.put("notebook", run.solution().grade().name());
        node.put("file", String.valueOf(run.notebook().file()));
        node.put("tests", tests(run.solution()));
        ObjectNode solution = put(node.putObject("solution"), run.solution());
        solution.put("seconds", run.solutionTime().toNanos() / 1e9);
        if (run.release() != null) {
          put(node.putObject("release"), run.release());
        }
      }
    }
  }

  private static ObjectNode put(ObjectNode node, AutogradedNotebook graded) {
    NotebookGrade grade = graded.grade();
    node.put("passed", passed(graded));
    node.put("failure", grade.failure());
    node.put("failure_message", grade.failureMessage());
    return node;
  }

  private static String outcome(AutogradedNotebook graded) {
    String failure = graded.grade().failure();
    return "ok".equals(failure) ? String.valueOf(passed(graded)) : failure;
  }

  static int tests(AutogradedNotebook graded) {
    return (int)
        graded.grade().tests().stream().filter(t -> t.kind() == TestKind.AUTOGRADED_TEST).count();
  }

  static int passed(AutogradedNotebook graded) {
    return (int)
        graded.grade().tests().stream()
            .filter(t -> t.kind() == TestKind.AUTOGRADED_TEST && t.status() == TestStatus.PASSED)
            .count();
  }
}
