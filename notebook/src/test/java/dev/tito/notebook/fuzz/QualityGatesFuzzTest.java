package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.gates.QualityGates;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/** Any readable notebook given to the gates gets findings, never an exception. */
class QualityGatesFuzzTest {
  private static final QualityGates GATES = new QualityGates();

  @FuzzTest
  @Timeout(10)
  void checkAndRelease(byte[] bytes) {
    FuzzContract.readable(bytes)
        .ifPresent(notebook -> GATES.checkAndRelease(Path.of("fuzzed.ipynb"), notebook));
  }
}
