package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonFloatParserTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.5|0.5",
        " 2 |2.0",
        "1e3|1000.0",
        "1_0|10.0",
        "+3.|3.0",
        "-.5|-0.5",
        "1E-2|0.01",
        "inf|Infinity",
        "-Infinity|-Infinity",
        "NaN|NaN"
      })
  void readsWhatPythonFloatReads(String text, double value) {
    assertThat(PythonFloatParser.parse(text)).hasValue(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'hello'",
        "True",
        "np.float64(0.5)",
        "[1, 2]",
        "1__0",
        "_1",
        "0x10",
        "1d",
        "1f",
        "",
        "1 2"
      })
  void rejectsWhatPythonFloatRejects(String text) {
    assertThat(PythonFloatParser.parse(text)).isEmpty();
  }
}
