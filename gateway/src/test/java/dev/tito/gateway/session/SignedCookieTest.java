package dev.tito.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedCookieTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  final SignedCookie cookies = new SignedCookie(KEY);
  final Session ada =
      new Session("ada@example.edu", "s1", Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());

  @Test
  void aSessionSealedByTheGatewayOpensAsTheSameSession() {
    String value = cookies.seal("tito-session", ada);

    assertThat(cookies.open("tito-session", value, Session.class)).contains(ada);
  }

  @Test
  void aCookieWhoseUserWasEditedIsNotASession() {
    String value = cookies.seal("tito-session", ada);
    String body =
        new String(
            Base64.getUrlDecoder().decode(value.substring(0, value.indexOf('.'))),
            StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(body.replace("ada@", "ben@").getBytes(StandardCharsets.UTF_8))
            + value.substring(value.indexOf('.'));

    assertThat(cookies.open("tito-session", forged, Session.class)).isEmpty();
  }

  @Test
  void aCookieSealedWithAnotherKeyOrUnderAnotherNameIsNotASession() {
    String otherKey =
        new SignedCookie("another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8))
            .seal("tito-session", ada);
    String otherName = cookies.seal("tito-login", ada);

    assertThat(cookies.open("tito-session", otherKey, Session.class)).isEmpty();
    assertThat(cookies.open("tito-session", otherName, Session.class)).isEmpty();
  }

  @Test
  void garbageIsNotASession() {
    for (String value : new String[] {"", ".", "abc", "a.b.c", "!!!.###", "e30.", null}) {
      assertThat(cookies.open("tito-session", value, Session.class))
          .as(String.valueOf(value))
          .isEmpty();
    }
  }

  @Test
  void anExpiredSessionIsNoLongerValid() {
    assertThat(ada.validAt(Instant.parse("2029-12-31T23:59:59Z"))).isTrue();
    assertThat(ada.validAt(Instant.parse("2030-01-01T00:00:00Z"))).isFalse();
  }

  @Test
  void aKeyShorterThan256BitsIsRefused() {
    assertThatThrownBy(() -> new SignedCookie(new byte[16]))
        .hasMessage("the session key has 16 bytes; it needs at least 32");
  }
}
