package dev.tito.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessGateTest {
  private static final String TOKEN = "a1b2c3";
  private static final String SESSION = "s3ss10n";
  private static final String HOST = "127.0.0.1:8888";
  private static final String COOKIE = "tito-console=" + SESSION;
  private static final AccessGate GATE = new AccessGate(TOKEN, SESSION, 8888);

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of(
            "the printed address sets the cookie and drops the token",
            get("/", "token=a1b2c3", null),
            "set-cookie /"),
        Arguments.of(
            "the token is dropped from a deeper address, its other parameters kept",
            get("/submission/m/ada", "a=1&token=a1b2c3&b=2", null),
            "set-cookie /submission/m/ada?a=1&b=2"),
        Arguments.of(
            "localhost is this console too",
            new AccessGate.Request("GET", "/", "token=a1b2c3", "localhost:8888", null, null, null),
            "set-cookie /"),
        Arguments.of("no token, no cookie", get("/", null, null), "refuse no console cookie"),
        Arguments.of(
            "a wrong token (another console's, a student's Jupyter token)",
            get("/", "token=ffffff", null),
            "refuse wrong token"),
        Arguments.of(
            "a wrong token even with the cookie",
            get("/", "token=x", COOKIE),
            "refuse wrong token"),
        Arguments.of("the cookie", get("/live", null, COOKIE), "allow"),
        Arguments.of(
            "the cookie among others", get("/", null, "a=b; " + COOKIE + "; c=d"), "allow"),
        Arguments.of(
            "a forged cookie", get("/", null, "tito-console=guess"), "refuse no console cookie"),
        Arguments.of(
            "another host name (DNS rebinding)",
            new AccessGate.Request("GET", "/", null, "evil.example:8888", COOKIE, null, null),
            "refuse host evil.example:8888 is not this console's"),
        Arguments.of(
            "another port",
            new AccessGate.Request("GET", "/", null, "127.0.0.1:9999", COOKIE, null, null),
            "refuse host 127.0.0.1:9999 is not this console's"),
        Arguments.of(
            "no host",
            new AccessGate.Request("GET", "/", null, null, COOKIE, null, null),
            "refuse host null is not this console's"),
        Arguments.of(
            "a form from the console's page",
            post("http://127.0.0.1:8888", "same-origin"),
            "allow"),
        Arguments.of(
            "a form from another site",
            post("http://evil.example", null),
            "refuse sent from http://evil.example"),
        Arguments.of(
            "a form a browser marks cross-site",
            post(null, "cross-site"),
            "refuse sent from another site (cross-site)"),
        Arguments.of(
            "a form from a page with no origin (Origin: null)",
            post("null", null),
            "refuse sent from null"),
        Arguments.of(
            "a form from a tool without browser headers, with the cookie",
            post(null, null),
            "allow"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void theGateDecides(String what, AccessGate.Request request, String expected) {
    assertThat(describe(GATE.decide(request))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void theCookieSetIsHttpOnlyStrictAndHoldsTheSessionNotTheToken(
      String what, AccessGate.Request request, String expected) {
    if (GATE.decide(request) instanceof AccessGate.SetCookie set) {
      assertThat(set.cookie())
          .isEqualTo("tito-console=" + SESSION + "; Path=/; HttpOnly; SameSite=Strict")
          .doesNotContain(TOKEN);
    }
  }

  private static AccessGate.Request get(String path, String query, String cookies) {
    return new AccessGate.Request("GET", path, query, HOST, cookies, null, null);
  }

  private static AccessGate.Request post(String origin, String fetchSite) {
    return new AccessGate.Request("POST", "/grade/m/ada", null, HOST, COOKIE, origin, fetchSite);
  }

  private static String describe(AccessGate.Decision decision) {
    if (decision instanceof AccessGate.SetCookie set) {
      return "set-cookie " + set.location();
    }
    if (decision instanceof AccessGate.Refuse refuse) {
      return "refuse " + refuse.reason();
    }
    return "allow";
  }
}
