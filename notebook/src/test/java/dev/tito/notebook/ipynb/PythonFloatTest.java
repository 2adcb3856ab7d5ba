package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {
  @ParameterizedTest
  @CsvSource({
    "1, 1.0",
    "0.5, 0.5",
    "2, 2.0",
    "1e16, 1e+16",
    "1e15, 1000000000000000.0",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "-1.5, -1.5",
    "123456789.125, 123456789.125",
    "1e22, 1e+22",
    "1.5e-7, 1.5e-07",
    "0.1, 0.1",
    "100, 100.0",
    "-0.0, -0.0",
    "0, 0.0",
    "1e300, 1e+300",
    "12345678901234567890, 1.2345678901234567e+19",
    "-3.0, -3.0",
    "123456789012345.0, 123456789012345.0",
    "9999999999999998.0, 9999999999999998.0"
  })
  void formatsLikePythonRepr(double value, String python) {
    assertThat(PythonFloat.repr(value)).isEqualTo(python);
  }

  @ParameterizedTest
  @CsvSource({
    "2e-3, 0.002",
    "1e23, 1e+23",
    "5e-324, 5e-324",
    "1e-323, 1e-323",
    "2.5e-323, 2.5e-323",
    "1.7976931348623157e308, 1.7976931348623157e+308"
  })
  void usesShortestRoundTripDigits(double value, String python) {
    assertThat(PythonFloat.repr(value)).isEqualTo(python);
  }
}
