package dev.tito.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.gateway.GatewayConfig;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** A person signing in at the gateway with mock-oauth2-server, each hop checked, as the end-to-end tests do. */
final class OidcSignIn {
  private OidcSignIn() {}

  /** The gateway's answer to the provider's redirect back (the callback). */
  static HttpResponse<String> callback(
      MockOAuth2Server provider, Browser browser, String email, String path) throws Exception {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            email.substring(0, email.indexOf('@')),
            "JWT",
            List.of("tito"),
            Map.of("email", email, "email_verified", true),
            3600));
    HttpResponse<String> toLogin =
        browser.get("/_tito/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    assertThat(toLogin.statusCode()).isEqualTo(302);
    String authorize = toLogin.headers().firstValue("Location").orElseThrow();
    assertThat(authorize)
        .contains("code_challenge_method=S256")
        .contains("state=")
        .contains("nonce=");
    HttpResponse<String> atProvider = browser.get(authorize);
    assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
    String callback = atProvider.headers().firstValue("Location").orElseThrow();
    assertThat(callback).startsWith(browser.origin + GatewayConfig.CALLBACK_PATH);
    return browser.get(callback);
  }
}
