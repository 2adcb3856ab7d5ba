package dev.tito.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests another site's page sends with the student's cookie are refused (CSRF, cross-site WebSocket hijacking). */
class CrossOriginTest {
  static final String OWN = "https://classes.example.edu";

  @ParameterizedTest(name = "{0} ws={1} origin={2} site={3}: {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "GET,false,-,-,true",
        "GET,false,https://evil.example,cross-site,true",
        "POST,false,https://classes.example.edu,same-origin,true",
        "POST,false,https://CLASSES.example.edu,-,true",
        "POST,false,https://evil.example,-,false",
        "POST,false,https://evil.example,cross-site,false",
        "POST,false,https://other.example.edu,same-site,false",
        "POST,false,-,cross-site,false",
        "POST,false,-,-,true",
        "DELETE,false,http://classes.example.edu,-,false",
        "PUT,false,null,-,false",
        "GET,true,https://classes.example.edu,same-origin,true",
        "GET,true,https://evil.example,-,false",
        "GET,true,https://evil.example,cross-site,false",
        "GET,true,-,-,true",
      })
  void onlyThisSitesPagesActOnTheSession(
      String method, boolean webSocket, String origin, String site, boolean allowed) {
    assertThat(CrossOrigin.allowed(method, webSocket, origin, site, OWN)).isEqualTo(allowed);
  }
}
