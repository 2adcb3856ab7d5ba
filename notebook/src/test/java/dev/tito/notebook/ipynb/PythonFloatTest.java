package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {
  // expected values are Python 3's repr(float(x))
  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0", "-3.0, -3.0", "2.5, 2.5", "0.1, 0.1", "100.0, 100.0",
      "123456789012345.0, 123456789012345.0", "9999999999999998.0, 9999999999999998.0",
      "1e16, 1e+16", "1e22, 1e+22", "1e-5, 1e-05", "0.0001, 0.0001", "-0.0, -0.0"})
  void formatsAsPythonRepr(double value, String expected) {
    assertThat(PythonFloat.repr(value)).isEqualTo(expected);
  }
}
