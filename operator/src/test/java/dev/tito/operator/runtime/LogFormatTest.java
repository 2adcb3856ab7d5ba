package dev.tito.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void jsonFormatWritesOneJsonObjectPerEvent() throws Exception {
    String line = logOnce(Map.of("TITO_LOG_FORMAT", "json"));

    JsonNode event = new ObjectMapper().readTree(line);
    assertThat(event.path("level").asText()).isEqualTo("INFO");
    assertThat(event.path("loggerName").asText()).isEqualTo("dev.tito.operator.Example");
    assertThat(event.path("formattedMessage").asText()).isEqualTo("classroom ml is Ready");
    assertThat(event.has("timestamp")).isTrue();
  }

  @Test
  void textIsTheDefault() throws Exception {
    String line = logOnce(Map.of());

    assertThat(line).contains(" INFO  dev.tito.operator.Example - classroom ml is Ready");
  }

  @Test
  void levelComesFromTheEnvironment() throws Exception {
    assertThat(logOnce(Map.of("TITO_LOG_LEVEL", "WARN"))).isEmpty();
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(() -> LogSettings.check(Map.of("TITO_LOG_FORMAT", "xml")))
        .hasMessage("TITO_LOG_FORMAT must be text or json, got 'xml'");
    assertThatThrownBy(() -> LogSettings.check(Map.of("TITO_LOG_LEVEL", "loud")))
        .hasMessageStartingWith("TITO_LOG_LEVEL must be one of");
  }

  /** Configures logback from the operator's own logback.xml and returns what one INFO event printed. */
  private static String logOnce(Map<String, String> settings) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    settings.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      context.getLogger("dev.tito.operator.Example").info("classroom {} is Ready", "ml");
    } finally {
      System.setErr(stderr);
      context.stop();
    }
    return captured.toString(StandardCharsets.UTF_8).strip();
  }
}
