package dev.tito.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.gateway.InstructorAssertion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayGateTest {
  static final byte[] KEY =
      "the console key, at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  static final String ORIGIN = "https://classes.example.edu";
  static final String BASE = "/_tito/console/physics/ml/";
  static final GatewayGate GATE = new GatewayGate(Set.of("physics"), ORIGIN, KEY);

  static String grace(String namespace, String classroom) {
    return InstructorAssertion.of("grace@example.edu", namespace, classroom, NOW).sign(KEY);
  }

  static Stream<Arguments> requests() {
    String grace = grace("physics", "ml");
    return Stream.of(
        Arguments.of("the gradebook", get(BASE, grace), "allow / for grace@example.edu"),
        Arguments.of(
            "a submission",
            get(BASE + "submission/tensor/ada", grace),
            "allow /submission/tensor/ada for grace@example.edu"),
        Arguments.of(
            "the class without its last slash",
            get(BASE.substring(0, BASE.length() - 1), grace),
            "redirect " + BASE),
        Arguments.of("no assertion", get(BASE, null), "refuse 403"),
        Arguments.of(
            "an assertion signed with another key",
            get(
                BASE,
                InstructorAssertion.of("grace@example.edu", "physics", "ml", NOW)
                    .sign("another key, also at least thirty-two bytes".getBytes())),
            "refuse 403"),
        Arguments.of(
            "an expired assertion",
            get(
                BASE,
                InstructorAssertion.of("grace@example.edu", "physics", "ml", NOW.minusSeconds(61))
                    .sign(KEY)),
            "refuse 403"),
        Arguments.of(
            "an assertion for another class", get(BASE, grace("physics", "chem")), "refuse 403"),
        Arguments.of(
            "another class's path with this class's assertion",
            get("/_tito/console/physics/chem/", grace),
            "refuse 403"),
        Arguments.of(
            "an assertion for another namespace", get(BASE, grace("biology", "ml")), "refuse 403"),
        Arguments.of(
            "a namespace this console does not serve",
            get("/_tito/console/biology/ml/", grace("biology", "ml")),
            "refuse 404"),
        Arguments.of("the namespace alone", get("/_tito/console/physics", grace), "refuse 404"),
        Arguments.of(
            "outside the console's prefix", get("/submission/tensor/ada", grace), "refuse 404"),
        Arguments.of(
            "a grade posted from the gateway's page",
            post(grace, ORIGIN, "same-origin"),
            "allow /grade/tensor/ada for grace@example.edu"),
        Arguments.of(
            "a grade posted by another site",
            post(grace, "https://evil.example", null),
            "refuse 403"),
        Arguments.of("a grade posted cross-site", post(grace, null, "cross-site"), "refuse 403"),
        Arguments.of(
            "a grade posted without an assertion",
            post(null, ORIGIN, "same-origin"),
            "refuse 403"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void theConsoleServesAClassOnlyToWhomTheGatewayVouchesForThatClass(
      String what, GatewayGate.Request request, String expected) {
    assertThat(describe(GATE.decide(request, NOW))).isEqualTo(expected);
  }

  private static String describe(GatewayGate.Decision decision) {
    if (decision instanceof GatewayGate.Allow allow) {
      assertThat(allow.base()).isEqualTo(BASE);
      return "allow " + allow.path() + " for " + allow.user();
    }
    if (decision instanceof GatewayGate.Redirect redirect) {
      return "redirect " + redirect.location();
    }
    return "refuse " + ((GatewayGate.Refuse) decision).status();
  }

  private static GatewayGate.Request get(String path, String assertion) {
    return new GatewayGate.Request("GET", path, assertion, null, null);
  }

  private static GatewayGate.Request post(String assertion, String origin, String fetchSite) {
    return new GatewayGate.Request("POST", BASE + "grade/tensor/ada", assertion, origin, fetchSite);
  }
}
