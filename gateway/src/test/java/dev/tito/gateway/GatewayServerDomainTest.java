package dev.tito.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TITO_GATEWAY_SERVER_DOMAIN: the servers' own domain, or one line naming the variable. */
class GatewayServerDomainTest {
  @Test
  void withoutAServerDomainNoInstructorOpensAServerAndWithOneItIsReadInLowerCase() {
    assertThat(config("").serverDomain()).isNull();
    assertThat(config("Servers.Example.edu").serverDomain()).isEqualTo("servers.example.edu");
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource({
    "*.servers.example.edu, must be a DNS domain",
    "https://servers.example.edu, must be a DNS domain",
    "servers, must be a DNS domain",
    "servers..example.edu, must be a DNS domain",
    "example.edu, must not hold the gateway's own host classes.example.edu"
  })
  void aServerDomainThatIsNotOneOrHoldsTheGatewaysHostIsRefusedNamingTheVariable(
      String domain, String why) {
    assertThatThrownBy(() -> config(domain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(GatewayConfig.SERVER_DOMAIN)
        .hasMessageContaining(why);
  }

  private static GatewayConfig config(String domain) {
    Map<String, String> env = new HashMap<>();
    env.put(GatewayConfig.PUBLIC_URL, "https://classes.example.edu");
    env.put(GatewayConfig.ISSUER, "https://accounts.example.edu");
    env.put(GatewayConfig.CLIENT_ID, "tito");
    env.put(GatewayConfig.CLIENT_SECRET, "x");
    env.put(GatewayConfig.SESSION_KEY, "a session key of at least thirty-two bytes");
    env.put(GatewayConfig.SERVER_DOMAIN, domain);
    return GatewayConfig.fromEnvironment(env);
  }
}
