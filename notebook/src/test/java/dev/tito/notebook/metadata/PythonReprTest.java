package dev.tito.notebook.metadata;

import static dev.tito.notebook.testing.TestNotebooks.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonReprTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"plain\"|'plain'",
        "\"it's\"|\"it's\"",
        "\"both ' and \\\"\"|'both \\' and \"'",
        "\"tab\\tnew\\nline\"|'tab\\tnew\\nline'",
        "\"back\\\\slash\"|'back\\\\slash'",
        "\"é ü 中\"|'é ü 中'",
        "\"bell\\u0007\"|'bell\\x07'",
        "null|None",
        "true|True",
        "1e16|1e+16",
        "0.5|0.5",
        "12|12",
        "[1, \"a\"]|[1, 'a']",
        "{\"k\": false}|{'k': False}",
      })
  void printsValuesAsPythonDoes(String jsonValue, String repr) {
    assertThat(PythonRepr.of(json(jsonValue))).isEqualTo(repr);
  }
}
