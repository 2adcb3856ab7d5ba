package dev.tito.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** After signing in a person lands on a page of this gateway, never on another site. */
class ReturnPathTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/user/ml/ada/lab|/user/ml/ada/lab",
        "/user/ml/ada/lab?reset|/user/ml/ada/lab?reset",
        "/|/",
        "https://evil.example/|/",
        "//evil.example/|/",
        "/\\evil.example/|/",
        "\"/\t/evil.example\"|/",
        "/%0d%0aSet-Cookie:x|/%0d%0aSet-Cookie:x",
        "javascript:alert(1)|/",
        "\"\"|/",
        "relative/path|/",
      })
  void onlyLocalPathsAreKept(String returnTo, String expected) {
    assertThat(ReturnPath.safe(returnTo)).isEqualTo(expected);
  }
}
