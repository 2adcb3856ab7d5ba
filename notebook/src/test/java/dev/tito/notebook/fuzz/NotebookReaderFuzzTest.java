package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import org.junit.jupiter.api.Timeout;

/** Any bytes handed in as an .ipynb: a notebook, or one line saying why not. */
class NotebookReaderFuzzTest {
  @FuzzTest
  @Timeout(10)
  void parse(byte[] bytes) {
    FuzzContract.allow(
        () -> NotebookWriter.toBytes(NotebookReader.parse(bytes, "fuzzed.ipynb")),
        NotebookFormatException.class);
  }
}
