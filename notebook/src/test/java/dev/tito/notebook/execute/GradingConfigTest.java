package dev.tito.notebook.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GradingConfigTest {
  @Test
  void appendsTheTimeoutAndThePurposesEnvironmentToTheSharedSettings() {
    String config = GradingConfig.text(Duration.ofSeconds(45), ExecutionPurpose.VALIDATE);

    assertThat(config)
        .startsWith("# nbconvert settings for a grading run")
        .contains("c.ExecutePreprocessor.allow_errors = True\n")
        .endsWith(
            "c.ExecutePreprocessor.timeout = 45\n__import__(\"os\").environ.update("
                + "{\"NBGRADER_EXECUTION\":\"validate\",\"NBGRADER_VALIDATING\":\"1\"})\n");
    assertThat(GradingConfig.text(null, ExecutionPurpose.AUTOGRADE))
        .contains("c.ExecutePreprocessor.timeout = None\n");
  }
}
