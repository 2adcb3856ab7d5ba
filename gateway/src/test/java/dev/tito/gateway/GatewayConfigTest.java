package dev.tito.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The console's address and key as the gateway reads them from the environment: each bad value is one line naming it. */
class GatewayConfigTest {
  static final Map<String, String> BASE =
      Map.of(
          GatewayConfig.PUBLIC_URL, "https://classes.example.edu",
          GatewayConfig.ISSUER, "https://login.example.edu",
          GatewayConfig.CLIENT_ID, "tito",
          GatewayConfig.CLIENT_SECRET, "secret",
          GatewayConfig.SESSION_KEY, "a session key of at least thirty-two bytes");

  @Test
  void withoutAConsoleTheGatewayNeedsNoConsoleKey() {
    GatewayConfig config = GatewayConfig.fromEnvironment(BASE);

    assertThat(config.console()).isNull();
    assertThat(config.consoleKey()).isNull();
  }

  @Test
  void theConsolesServiceAndTheSharedKeyAreRead() {
    GatewayConfig config =
        GatewayConfig.fromEnvironment(
            with(
                GatewayConfig.CONSOLE, "tito-console.tito-system.svc:8080",
                GatewayConfig.CONSOLE_KEY, "the console key, at least thirty-two bytes"));

    assertThat(config.consoleHost()).isEqualTo("tito-console.tito-system.svc");
    assertThat(config.consolePort()).isEqualTo(8080);
    assertThat(new String(config.consoleKey(), StandardCharsets.UTF_8))
        .isEqualTo("the console key, at least thirty-two bytes");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            with(GatewayConfig.CONSOLE, "tito-console", GatewayConfig.CONSOLE_KEY, "k".repeat(32)),
            "TITO_GATEWAY_CONSOLE must be HOST:PORT of the console's Service, got tito-console"),
        Arguments.of(
            with(
                GatewayConfig.CONSOLE,
                "tito-console:http",
                GatewayConfig.CONSOLE_KEY,
                "k".repeat(32)),
            "TITO_GATEWAY_CONSOLE must be HOST:PORT of the console's Service, got tito-console:http"),
        Arguments.of(
            with(
                GatewayConfig.CONSOLE,
                "tito-console:70000",
                GatewayConfig.CONSOLE_KEY,
                "k".repeat(32)),
            "TITO_GATEWAY_CONSOLE must be HOST:PORT of the console's Service, got tito-console:70000"),
        Arguments.of(
            with(GatewayConfig.CONSOLE, "tito-console:8080", "unused", ""),
            "TITO_CONSOLE_KEY is not set"),
        Arguments.of(
            with(GatewayConfig.CONSOLE, "tito-console:8080", GatewayConfig.CONSOLE_KEY, "short"),
            "TITO_CONSOLE_KEY has 5 bytes; it needs at least 32"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void aBadConsoleSettingIsOneLineNamingIt(Map<String, String> env, String line) {
    assertThatThrownBy(() -> GatewayConfig.fromEnvironment(env)).hasMessage(line);
  }

  private static Map<String, String> with(String name, String value, String name2, String value2) {
    Map<String, String> env = new HashMap<>(BASE);
    env.put(name, value);
    env.put(name2, value2);
    return env;
  }
}
