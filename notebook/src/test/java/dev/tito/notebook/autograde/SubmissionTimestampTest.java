package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionTimestampTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2015-02-02 14:58:23.948203 America/Los_Angeles|2015-02-02 22:58:23.948203",
        "2015-02-02 14:58:23 -0800|2015-02-02 15:11:43",
        "2015-02-02 14:58:23 3600|2015-02-02 13:58:23",
        "2015-02-02 14:58:23 PST|2015-02-02 14:58:23",
        "2015-02-02 14:58:23 EST|2015-02-02 19:58:23",
        "2015-02-02 14:58:23.5 UTC|2015-02-02 14:58:23.500000",
        "2015-02-02T14:58:23+01:00|2015-02-02 13:58:23",
        "2015-02-02 14:58:23|2015-02-02 14:58:23",
        "2015-02-02|2015-02-02 00:00:00"
      })
  void parsesAsNbgraderDoes(String text, String utc) {
    assertThat(SubmissionTimestamp.format(SubmissionTimestamp.parseUtc(text))).isEqualTo(utc);
  }

  @Test
  void rejectsTextThatIsNoTimestamp() {
    assertThatThrownBy(() -> SubmissionTimestamp.parseUtc("yesterday"))
        .hasMessage("not a timestamp: 'yesterday'");
  }

  @Test
  void latePolicyZeroTakesTheNotebookScoreOnlyWhenLate() {
    assertThat(LatePolicy.ZERO.penalty(2.0, 3600)).isEqualTo(2.0);
    assertThat(LatePolicy.ZERO.penalty(2.0, 0)).isZero();
    assertThat(LatePolicy.NONE.penalty(2.0, 3600)).isZero();
  }
}
