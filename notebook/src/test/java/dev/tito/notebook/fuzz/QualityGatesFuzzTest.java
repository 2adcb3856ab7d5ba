package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/** Any readable notebook given to the gates gets findings, never an exception. */
class QualityGatesFuzzTest {
  private static final QualityGates GATES = new QualityGates();

  @FuzzTest
  @Timeout(10)
  void checkAndRelease(byte[] bytes) {
    Notebook notebook;
    try {
      notebook = NotebookReader.parse(bytes, "fuzzed.ipynb");
    } catch (NotebookFormatException notANotebook) {
      return;
    }
    GATES.checkAndRelease(Path.of("fuzzed.ipynb"), notebook);
  }
}
