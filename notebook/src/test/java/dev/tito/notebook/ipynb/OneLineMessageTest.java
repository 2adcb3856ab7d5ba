package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.InvalidGradingResultException;
import org.junit.jupiter.api.Test;

class OneLineMessageTest {
  @Test
  void lineBreaksAndControlCharactersInQuotedInputAreEscaped() {
    assertThat(OneLineMessage.of("result.json: grade_id 'a\nFAKE LOG LINE\r\u0007' unknown"))
        .isEqualTo("result.json: grade_id 'a\\nFAKE LOG LINE\\r\\u0007' unknown");
    assertThat(new InvalidGradingResultException("x\u2028y").getMessage()).isEqualTo("x\\u2028y");
    assertThat(new NotebookFormatException("a.ipynb:\nb").getMessage()).isEqualTo("a.ipynb:\\nb");
  }

  @Test
  void longMessagesAreCut() {
    assertThat(OneLineMessage.of("x".repeat(5000)))
        .hasSize(OneLineMessage.MAX_CHARS + 3)
        .endsWith("...");
    assertThat(OneLineMessage.of("x".repeat(OneLineMessage.MAX_CHARS))).doesNotEndWith("...");
  }
}
