package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release a conformance case grades against: nbgrader's own rows where the corpus has them,
 * else tito's release of the case's source (the release engine is checked against nbgrader elsewhere).
 */
final class ReleaseRows {
  private static final Pattern STUB = Pattern.compile("code_stub = dict\\(python=\"(.*)\"\\)");

  private ReleaseRows() {}

  static ReleaseGradebook of(JsonNode autogradeCase) {
    return ConformanceCorpus.releaseRows(autogradeCase).orElseGet(() -> released(autogradeCase));
  }

  /** The student notebook of the case's (single) source, for "(the notebook produced by ...)" inputs. */
  static Notebook studentNotebook(JsonNode autogradeCase) {
    return release(autogradeCase, source(autogradeCase)).student();
  }

  private static ReleaseGradebook released(JsonNode c) {
    TreeMap<String, NotebookRows> notebooks = new TreeMap<>();
    for (JsonNode input : c.path("inputs")) {
      if ("source".equals(input.path("role").asText())) {
        String name =
            Path.of(input.path("place_at").asText()).getFileName().toString().replace(".ipynb", "");
        notebooks.put(name, release(c, input).gradebookRows());
      }
    }
    return new ReleaseGradebook(
        c.path("config").path("assignment_duedate").asText(null), notebooks);
  }

  private static JsonNode source(JsonNode c) {
    for (JsonNode input : c.path("inputs")) {
      if ("source".equals(input.path("role").asText())) {
        return input;
      }
    }
    throw new IllegalStateException(c.path("id").asText() + " has no source");
  }

  private static ReleasedNotebook release(JsonNode c, JsonNode input) {
    ReleaseOptions.Builder options = ReleaseOptions.builder();
    Matcher stub = STUB.matcher(c.path("config").path("nbgrader_config.py").asText(""));
    if (stub.find()) {
      options.codeStub(stub.group(1));
    }
    Notebook source =
        NotebookReader.read(ConformanceCorpus.ROOT.resolve(input.path("path").asText()));
    return StudentRelease.release(source, options.build());
  }
}
