package dev.tito.notebook.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JupytextUpdateTest {
  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(
            "# %% nbgrader={\"grade\": false, \"grade_id\": \"imports\", \"solution\": true}",
            "# %% nbgrader={\"grade\": false, \"grade_id\": \"imports\", \"solution\": true, \"schema_version\": 3, \"locked\": false}"),
        Arguments.of(
            "# %% nbgrader={\"grade\": true, \"grade_id\": \"t\", \"locked\": true, \"points\": 10}",
            "# %% nbgrader={\"grade\": true, \"grade_id\": \"t\", \"locked\": true, \"points\": 10.0, \"schema_version\": 3, \"solution\": false}"),
        Arguments.of(
            "# %% [markdown] nbgrader={\"grade\": false, \"grade_id\": \"notes\", \"solution\": false}",
            "# %% [markdown]"),
        Arguments.of(
            "    # %% nbgrader={\"grade\": true, \"grade_id\": \"x\", \"points\": \"2\"} tags=[\"a\"]",
            "    # %% nbgrader={\"grade\": true, \"grade_id\": \"x\", \"points\": 2.0, \"schema_version\": 3, \"solution\": false, \"locked\": false} tags=[\"a\"]"),
        Arguments.of(
            "# %% nbgrader={\"grade\": true, \"grade_id\": \"v3\", \"locked\": true, \"points\": 1, \"solution\": false, \"schema_version\": 3}",
            "# %% nbgrader={\"grade\": true, \"grade_id\": \"v3\", \"locked\": true, \"points\": 1, \"solution\": false, \"schema_version\": 3}"),
        Arguments.of("x = {\"nbgrader\": 1}", "x = {\"nbgrader\": 1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void aHeaderBelowSchemaThreeIsUpgradedAsNbgraderUpdateUpgradesACell(
      String line, String expected) {
    assertThat(JupytextUpdate.upgradeLine(line, 1)).isEqualTo(expected);
  }

  @Test
  void onlyHeaderLinesChangeAndTheyAreListed() {
    String text =
        "# %%\nx = 1\n# %% nbgrader={\"grade\": false, \"grade_id\": \"a\", \"solution\": true}\ny = 2\n";

    JupytextUpdate.Result result = JupytextUpdate.upgrade(text, "m.py");

    assertThat(result.changedLines()).containsExactly(3);
    assertThat(result.text()).startsWith("# %%\nx = 1\n# %% nbgrader={").endsWith("}\ny = 2\n");
  }

  @Test
  void pointsThatAreNoNumberNameTheLine() {
    assertThatThrownBy(
            () ->
                JupytextUpdate.upgrade(
                    "# %%\n# %% nbgrader={\"grade\": true, \"grade_id\": \"t\", "
                        + "\"points\": \"ten\"}\n",
                    "m.py"))
        .hasMessage("m.py:2: could not convert string to float: 'ten'; the file is left unchanged");
  }
}
