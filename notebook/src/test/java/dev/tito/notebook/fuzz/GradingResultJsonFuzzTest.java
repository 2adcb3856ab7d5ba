package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.GradingResultJson;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.autograde.NotebookGrade;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes a grading Job's score container could print as its result: a result within the gradebook's
 * points, or one line saying why it is refused.
 */
class GradingResultJsonFuzzTest {
  @FuzzTest
  @Timeout(10)
  void readUntrusted(byte[] bytes) {
    FuzzContract.allow(
        () -> {
          GradingResult result =
              GradingResultJson.readUntrusted(
                  bytes, "result.json", CorpusRelease.MODULE, "alice", CorpusRelease.GRADEBOOK);
          double max =
              CorpusRelease.ROWS.gradeCells().values().stream().mapToDouble(g -> g.maxScore()).sum()
                  + CorpusRelease.ROWS.taskCells().values().stream()
                      .mapToDouble(g -> g.maxScore())
                      .sum();
          if (!(result.score() >= 0 && result.score() <= max)) {
            throw new AssertionError("total " + result.score() + " outside [0, " + max + "]");
          }
          for (NotebookGrade notebook : result.notebooks()) {
            FuzzContract.withinPoints(notebook.tests());
          }
        },
        InvalidGradingResultException.class);
  }
}
