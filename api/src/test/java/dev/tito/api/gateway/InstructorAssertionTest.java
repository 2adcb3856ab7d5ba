package dev.tito.api.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstructorAssertionTest {
  static final byte[] KEY =
      "the console key, at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
  static final byte[] OTHER_KEY =
      "another key, also at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  static final InstructorAssertion GRACE =
      InstructorAssertion.of("grace@example.edu", "course", "ml", NOW);

  static Stream<Arguments> headers() {
    String signed = GRACE.sign(KEY);
    String[] parts = signed.split("\\.");
    String asAda =
        String.join(
            ".",
            parts[0],
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("ada@example.edu".getBytes(StandardCharsets.UTF_8)),
            parts[2],
            parts[3],
            parts[4],
            parts[5]);
    return Stream.of(
        Arguments.of("the gateway's, just minted", signed, NOW, null),
        Arguments.of("the gateway's, 59 s later", signed, NOW.plusSeconds(59), null),
        Arguments.of("none", null, NOW, "no X-Tito-Instructor header"),
        Arguments.of("empty", "", NOW, "no X-Tito-Instructor header"),
        Arguments.of("expired", signed, NOW.plusSeconds(61), "an expired"),
        Arguments.of(
            "minted far ahead",
            new InstructorAssertion(
                    "grace@example.edu", "course", "ml", NOW.getEpochSecond() + 3600)
                .sign(KEY),
            NOW,
            "an expired"),
        Arguments.of("signed with another key", GRACE.sign(OTHER_KEY), NOW, "not signed"),
        Arguments.of("the user swapped for another", asAda, NOW, "not signed"),
        Arguments.of(
            "the expiry pushed on",
            signed.replace("." + parts[4] + ".", "." + (Long.parseLong(parts[4]) + 30) + "."),
            NOW.plusSeconds(80),
            "not signed"),
        Arguments.of("no MAC", signed.substring(0, signed.lastIndexOf('.')), NOW, "malformed"),
        Arguments.of("another version", "v2" + signed.substring(2), NOW, "malformed"),
        Arguments.of(
            "a MAC that is not base64",
            signed.substring(0, signed.lastIndexOf('.') + 1) + "@@@",
            NOW,
            "malformed"),
        Arguments.of("a student's made-up value", "grace@example.edu", NOW, "malformed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void theConsoleBelievesOnlyAFreshAssertionTheGatewaySigned(
      String what, String header, Instant at, String refused) {
    InstructorAssertion.Verdict verdict = InstructorAssertion.verify(header, KEY, at);
    if (refused == null) {
      assertThat(verdict).isEqualTo(new InstructorAssertion.Valid(GRACE));
    } else {
      assertThat(verdict).isInstanceOf(InstructorAssertion.Invalid.class);
      assertThat(((InstructorAssertion.Invalid) verdict).reason()).contains(refused);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void namesWithDotsAndNonAsciiCharactersComeBackAsSigned(String user) {
    InstructorAssertion assertion = InstructorAssertion.of(user, "course.a", "ml.2026", NOW);
    assertThat(InstructorAssertion.verify(assertion.sign(KEY), KEY, NOW))
        .isEqualTo(new InstructorAssertion.Valid(assertion));
  }

  static Stream<String> names() {
    return Stream.of("grace.hopper@example.edu", "zoë@example.edu", "a.b.c.d.e.f");
  }
}
