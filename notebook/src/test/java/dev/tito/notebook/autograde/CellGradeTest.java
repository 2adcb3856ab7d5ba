package dev.tito.notebook.autograde;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nbgrader's verified partial-credit values ([ag-partial-credit]) on a 2-point test cell. */
class CellGradeTest {
  private static Cell testCell(String... outputs) {
    ObjectNode node = tests(code("x"), "t", 2);
    for (String output : outputs) {
      node.withArray("outputs").add(json(output));
    }
    return new Cell(node);
  }

  private static String result(String plain) {
    ObjectNode output = new ObjectMapper().createObjectNode().put("output_type", "execute_result");
    output.putObject("data").put("text/plain", plain);
    return output.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0.5|0.5", "'hello'|2.0", "True|2.0", "-1|2.0", "nan|2.0", "0|0.0", "3|2.0"})
  void partialCreditFollowsPythonFloat(String plain, double score) {
    assertThat(CellGrade.of(testCell(result(plain)), 2).score()).isEqualTo(score);
  }

  @Test
  void anErrorOrStderrBeforeTheResultGivesZero() {
    String stderr =
        "{\"output_type\": \"stream\", \"name\": \"stderr\", \"text\": \"DeprecationWarning: x\\n\"}";
    CellGrade grade = CellGrade.of(testCell(stderr, result("2")), 2);
    assertThat(grade.score()).isZero();
    assertThat(grade.message()).isEqualTo("wrote to stderr: DeprecationWarning: x");
    String error =
        "{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"\", \"traceback\": []}";
    assertThat(CellGrade.of(testCell(error), 2).message()).isEqualTo("AssertionError");
  }

  @Test
  void noResultIsFullPointsAndAResultAboveMaxIsClamped() {
    assertThat(CellGrade.of(testCell(), 2).score()).isEqualTo(2.0);
    CellGrade over = CellGrade.of(testCell(result("5")), 2);
    assertThat(over.score()).isEqualTo(2.0);
    assertThat(over.message()).contains("above the cell's 2.0 points");
  }
}
