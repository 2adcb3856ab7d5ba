package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.jupytext.JupytextReader;
import org.junit.jupiter.api.Timeout;

/** Any bytes handed in as a jupytext percent script (.py): a notebook, or one line saying why not. */
class JupytextReaderFuzzTest {
  @FuzzTest
  @Timeout(10)
  void parse(byte[] bytes) {
    FuzzContract.allow(
        () -> NotebookWriter.toBytes(JupytextReader.parse(bytes, "fuzzed.py")),
        NotebookFormatException.class);
  }
}
