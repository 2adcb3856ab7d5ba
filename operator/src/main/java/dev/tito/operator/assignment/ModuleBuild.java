package dev.tito.operator.assignment;

import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gates and releases an Assignment's source in memory, as {@code tito module validate} and {@code tito module release}
 * do for a module folder: {@code .ipynb} keys and jupytext percent {@code .py} keys are notebooks, other keys are data
 * files copied as they are.
 */
final class ModuleBuild {
  private static final Pattern PERCENT_CELL = Pattern.compile("(?m)^# %%");
  private static final List<String> IGNORED_SUFFIXES = List.of(".pyc");
  private static final QualityGates GATES = new QualityGates();

  /** The gates' findings and, when none is an error, the student files and the instructor's gradebook rows. */
  record Outcome(
      List<Finding> findings, SortedMap<String, byte[]> studentFiles, ReleaseGradebook gradebook) {
    boolean passed() {
      return findings.stream().noneMatch(Finding::isError);
    }

    double maxPoints() {
      return gradebook.maxPoints();
    }
  }

  private ModuleBuild() {}

  static Outcome of(Map<String, byte[]> source) {
    List<Finding> findings = new ArrayList<>();
    List<ModuleNotebook> notebooks = new ArrayList<>();
    SortedMap<String, byte[]> student = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : source.entrySet()) {
      String name = file.getKey();
      if (IGNORED_SUFFIXES.stream().anyMatch(name::endsWith)) {
        continue;
      }
      if (!isNotebook(name, file.getValue())) {
        student.put(name, file.getValue());
        continue;
      }
      Path path = Path.of(name);
      String released = stem(name) + ".ipynb";
      if (notebooks.stream()
              .anyMatch(notebook -> stem(notebook.file().toString()).equals(stem(name)))
          || student.containsKey(released)) {
        findings.add(
            Finding.error(
                path,
                null,
                null,
                null,
                "another notebook of the module is also released as " + released));
        continue;
      }
      try {
        NotebookFiles.ReadNotebook read = NotebookFiles.parse(file.getValue(), name);
        findings.addAll(read.upgradeWarnings(path));
        notebooks.add(read.moduleNotebook(path));
      } catch (NotebookFormatException e) {
        findings.add(Finding.error(path, null, null, null, e.getMessage()));
      }
    }
    if (notebooks.isEmpty() && findings.isEmpty()) {
      findings.add(
          Finding.error(
              Path.of("."),
              null,
              null,
              null,
              "no notebooks in the source (.ipynb or jupytext percent .py keys)"));
    }
    GatedModule gated = GATES.checkModule(notebooks);
    findings.addAll(gated.findings());
    SortedMap<String, ReleaseGradebook.NotebookRows> rows = new TreeMap<>();
    if (gated.passed()) {
      gated
          .releases()
          .forEach(
              (path, release) -> {
                student.put(
                    stem(path.toString()) + ".ipynb", NotebookWriter.toBytes(release.student()));
                rows.put(stem(path.toString()), release.gradebookRows());
              });
    }
    return new Outcome(findings, student, new ReleaseGradebook(null, rows));
  }

  /** {@code .ipynb}, or a {@code .py} with jupytext percent cells (other {@code .py} files are course code). */
  private static boolean isNotebook(String name, byte[] content) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".ipynb")
        || lower.endsWith(".py")
            && PERCENT_CELL.matcher(new String(content, StandardCharsets.UTF_8)).find();
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
