package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonLinesTest {
  @Test
  void keepsEachLineTerminatorAsPythonSplitlinesDoes() {
    assertThat(PythonLines.splitKeepEnds("a\nb\r\nc\rd\u2028e\u000cf"))
        .containsExactly("a\n", "b\r\n", "c\r", "d\u2028", "e\u000c", "f");
  }

  @Test
  void emptyTextHasNoLines() {
    assertThat(PythonLines.splitKeepEnds("")).isEmpty();
    assertThat(PythonLines.splitKeepEnds("\n")).containsExactly("\n");
  }
}
