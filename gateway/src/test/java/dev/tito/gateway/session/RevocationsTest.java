package dev.tito.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationsTest {
  static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
  final Session ada = new Session("ada@example.edu", "a1", NOW.plusSeconds(3600).getEpochSecond());
  final Session adaElsewhere =
      new Session("ada@example.edu", "a2", NOW.plusSeconds(3600).getEpochSecond());

  @Test
  void aSignedOutSessionIsRevokedAndAnotherSessionOfTheSamePersonIsNot() {
    Revocations revoked = Revocations.NONE.with(ada, NOW);

    assertThat(revoked.revokes(ada)).isTrue();
    assertThat(revoked.revokes(adaElsewhere)).isFalse();
  }

  @Test
  void theConfigMapEntryOfASignOutReadsBackAsThatSignOut() {
    Map.Entry<String, String> entry = Revocations.entry(ada);

    assertThat(entry.getKey()).isEqualTo("session.a1").matches("[-._a-zA-Z0-9]+");
    assertThat(Revocations.of(Map.of(entry.getKey(), entry.getValue())).revokes(ada)).isTrue();
  }

  @Test
  void entriesNoGatewayWroteRevokeNothing() {
    Revocations read =
        Revocations.of(Map.of("a1", "99999999999", "session.a2", "soon", "session.", "1"));

    assertThat(read.revokes(ada)).isFalse();
    assertThat(read.revokes(adaElsewhere)).isFalse();
    assertThat(Revocations.of(null).revokes(ada)).isFalse();
  }

  @Test
  void entriesWhoseCookiesHaveExpiredAnywayAreDroppedAtTheNextSignOut() {
    Session old = new Session("ben@example.edu", "b0", NOW.minusSeconds(1).getEpochSecond());
    Revocations read =
        Revocations.of(
            Map.of(
                "session.b0",
                Long.toString(old.expires()),
                "session.a1",
                Long.toString(ada.expires())));

    assertThat(read.expiredKeys(NOW)).containsExactly("session.b0");
    assertThat(read.with(adaElsewhere, NOW).expiries()).containsOnlyKeys("a1", "a2");
  }
}
