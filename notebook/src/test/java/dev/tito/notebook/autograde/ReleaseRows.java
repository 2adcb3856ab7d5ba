package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.util.Optional;

/** The release rows a conformance case grades against. */
final class ReleaseRows {
  private ReleaseRows() {}

  static Optional<ReleaseGradebook> of(JsonNode autogradeCase) {
    return ConformanceCorpus.releaseRows(autogradeCase);
  }
}
