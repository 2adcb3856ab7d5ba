package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The nbgrader conformance corpus of the test resources: cases, inputs, and the release rows of a case. */
final class ConformanceCorpus {
  static final Path ROOT = Path.of("src/test/resources/conformance/nbgrader");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CASES = read(ROOT.resolve("cases.json"));

  private ConformanceCorpus() {}

  static List<JsonNode> cases(String kind) {
    List<JsonNode> cases = new ArrayList<>();
    CASES
        .path("cases")
        .forEach(
            c -> {
              if (kind.equals(c.path("kind").asText())) {
                cases.add(c);
              }
            });
    return cases;
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows nbgrader's generate_assignment wrote for a case's sources, taken from the generate case
   * that released the same source file (empty when the corpus has none).
   */
  static Optional<ReleaseGradebook> releaseRows(JsonNode autogradeCase) {
    TreeMap<String, NotebookRows> notebooks = new TreeMap<>();
    for (JsonNode input : autogradeCase.path("inputs")) {
      if (!"source".equals(input.path("role").asText())) {
        continue;
      }
      String place = input.path("place_at").asText();
      String name = place.substring(place.lastIndexOf('/') + 1).replace(".ipynb", "");
      Optional<NotebookRows> rows = rowsFor(input.path("path").asText(), stubConfig(autogradeCase));
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      notebooks.put(name, rows.get());
    }
    String duedate = autogradeCase.path("config").path("assignment_duedate").asText(null);
    return Optional.of(new ReleaseGradebook(duedate, notebooks));
  }

  /** The release-shaping part of a case's configuration: which solution stub was used. */
  private static String stubConfig(JsonNode c) {
    String config = c.path("config").path("nbgrader_config.py").asText("");
    return config.lines().filter(l -> l.contains("ClearSolutions")).reduce("", String::concat);
  }

  private static Optional<NotebookRows> rowsFor(String sourcePath, String stubConfig) {
    for (JsonNode gen : cases("generate")) {
      if (!stubConfig(gen).equals(stubConfig)) {
        continue;
      }
      for (JsonNode input : gen.path("inputs")) {
        if (input.path("role").asText().equals("source")
            && input.path("path").asText().equals(sourcePath)) {
          String place = input.path("place_at").asText();
          String name = place.substring(place.lastIndexOf('/') + 1).replace(".ipynb", "");
          JsonNode dump =
              read(ROOT.resolve("derived/generate/" + gen.path("id").asText() + "/gradebook.json"));
          JsonNode rows = dump.path("ps1").path("notebooks").path(name);
          try {
            return Optional.of(JSON.treeToValue(rows, NotebookRows.class));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The released notebook of the generate case whose rows were used, for "(the notebook produced ...)" inputs. */
  static Optional<Path> releasedNotebook(JsonNode autogradeCase, String notebookName) {
    for (JsonNode input : autogradeCase.path("inputs")) {
      if (!"source".equals(input.path("role").asText())) {
        continue;
      }
      for (JsonNode gen : cases("generate")) {
        if (!stubConfig(gen).equals(stubConfig(autogradeCase))) {
          continue;
        }
        for (JsonNode genInput : gen.path("inputs")) {
          if (genInput.path("path").asText().equals(input.path("path").asText())) {
            Path released =
                ROOT.resolve(
                    "derived/generate/"
                        + gen.path("id").asText()
                        + "/release/ps1/"
                        + Path.of(genInput.path("place_at").asText()).getFileName());
            if (Files.exists(released)) {
              return Optional.of(released);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Lays out a case's submissions under {@code course/submitted/<student>/ps1/}. */
  static void placeSubmissions(JsonNode autogradeCase, Path course) throws IOException {
    for (JsonNode submission : autogradeCase.path("submissions")) {
      String student = submission.path("student").asText();
      for (JsonNode file : submission.path("files")) {
        Path target = course.resolve(file.path("place_at").asText());
        Files.createDirectories(target.getParent());
        String path = file.path("path").asText();
        if (path.startsWith("(")) {
          Notebook notebook =
              releasedNotebook(autogradeCase, target.getFileName().toString())
                  .map(NotebookReader::read)
                  .orElseGet(() -> ReleaseRows.studentNotebook(autogradeCase));
          JsonNode replace = file.path("then_replace_cell_sources");
          for (Cell cell : notebook.cells()) {
            String id = GradingFlags.gradeId(cell);
            if (id != null && replace.has(id)) {
              cell.setSource(replace.get(id).asText());
            }
          }
          Files.write(target, NotebookWriter.toBytes(notebook));
        } else {
          Files.copy(ROOT.resolve(path), target);
        }
      }
      if (submission.has("timestamp_txt")) {
        Files.writeString(
            course.resolve("submitted/" + student + "/ps1/timestamp.txt"),
            submission.path("timestamp_txt").asText());
      }
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
