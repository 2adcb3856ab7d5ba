package dev.tito.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Grace, an instructor signed in at the gateway, opens ada's server on its own host through a one-time code. */
class HandoffTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final String ADA = "ml-ada.servers.example.edu";
  static final String BEN = "ml-ben.servers.example.edu";
  static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
  final Session grace =
      new Session("grace@example.edu", "sid-grace", NOW.plusSeconds(8 * 3600).getEpochSecond());
  final Handoff handoff = new Handoff(new SignedCookie(KEY), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aCodeTakenWithTheStateCookieItWasMadeForOpensGracesSessionOnThatHost() {
    String stateCookie = handoff.stateCookie(ADA, "state-1", "/user/ml/ada/lab");
    String code = handoff.code(grace, ADA, "state-1");

    Handoff.Redeemed redeemed = handoff.redeem(ADA, code, stateCookie);

    assertThat(redeemed).isEqualTo(new Handoff.Redeemed.Opened(grace, "/user/ml/ada/lab"));
    assertThat(handoff.serverSession(ADA, handoff.serverSession(ADA, grace))).contains(grace);
  }

  @Test
  void aCodeUsedOnceIsRefusedTheSecondTime() {
    String stateCookie = handoff.stateCookie(ADA, "state-1", "/user/ml/ada/");
    String code = handoff.code(grace, ADA, "state-1");
    handoff.redeem(ADA, code, stateCookie);

    assertThat(refusal(handoff.redeem(ADA, code, stateCookie))).contains("used already");
  }

  @Test
  void aCodeOlderThanAMinuteIsRefused() {
    String code = handoff.code(grace, ADA, "state-1");
    Handoff later =
        new Handoff(
            new SignedCookie(KEY), Clock.fixed(NOW.plus(Duration.ofSeconds(61)), ZoneOffset.UTC));

    assertThat(refusal(later.redeem(ADA, code, later.stateCookie(ADA, "state-1", "/"))))
        .contains("expired");
  }

  @Test
  void aCodeMadeForBensServerDoesNotOpenAdas() {
    String code = handoff.code(grace, BEN, "state-1");

    assertThat(refusal(handoff.redeem(ADA, code, handoff.stateCookie(ADA, "state-1", "/"))))
        .contains("not one the gateway made for this server");
  }

  @Test
  void aCodeWithoutTheStateCookieOfTheBrowserThatAskedIsRefused() {
    String code = handoff.code(grace, ADA, "state-1");

    assertThat(refusal(handoff.redeem(ADA, code, null))).contains("did not ask");
    assertThat(refusal(handoff.redeem(ADA, code, handoff.stateCookie(ADA, "state-2", "/"))))
        .contains("another browser's request");
    // a state cookie set on ben's host is not one for ada's
    assertThat(refusal(handoff.redeem(ADA, code, handoff.stateCookie(BEN, "state-1", "/"))))
        .contains("did not ask");
  }

  @Test
  void aForgedCodeNamingAnotherPersonIsRefused() {
    String code = handoff.code(grace, ADA, "state-1");
    String body =
        new String(
            Base64.getUrlDecoder().decode(code.substring(0, code.indexOf('.'))),
            StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(body.replace("grace@", "eve@").getBytes(StandardCharsets.UTF_8))
            + code.substring(code.indexOf('.'));

    assertThat(refusal(handoff.redeem(ADA, forged, handoff.stateCookie(ADA, "state-1", "/"))))
        .contains("not one the gateway made");
    // nor is a code signed under another key
    String otherKey =
        new Handoff(
                new SignedCookie("another key of at least thirty-two bytes".getBytes()),
                Clock.fixed(NOW, ZoneOffset.UTC))
            .code(grace, ADA, "state-1");
    assertThat(refusal(handoff.redeem(ADA, otherKey, handoff.stateCookie(ADA, "state-1", "/"))))
        .contains("not one the gateway made");
  }

  @Test
  void theServerHostsSessionCookieOpensOnThatHostOnly() {
    String cookie = handoff.serverSession(ADA, grace);

    assertThat(handoff.serverSession(ADA, cookie)).contains(grace);
    assertThat(handoff.serverSession(BEN, cookie)).isEmpty();
    // nor is the gateway's own session cookie one for a server's host, or the other way round
    SignedCookie cookies = new SignedCookie(KEY);
    assertThat(handoff.serverSession(ADA, cookies.seal("__Host-tito-session", grace))).isEmpty();
    assertThat(cookies.open("__Host-tito-session", cookie, Session.class)).isEmpty();
  }

  @Test
  void theCodeCarriesNoStateOnlyItsHash() {
    String code = handoff.code(grace, ADA, "the-state-value");

    assertThat(new String(Base64.getUrlDecoder().decode(code.substring(0, code.indexOf('.')))))
        .doesNotContain("the-state-value");
  }

  private static String refusal(Handoff.Redeemed redeemed) {
    assertThat(redeemed).isInstanceOf(Handoff.Redeemed.Refused.class);
    return ((Handoff.Redeemed.Refused) redeemed).reason();
  }
}
