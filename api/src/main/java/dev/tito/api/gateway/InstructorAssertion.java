package dev.tito.api.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's word to the console that a signed-in person teaches one Classroom, minted per request and signed
 * with HMAC-SHA256 under a key only the two Deployments hold (docs/console.md): a student, who reaches the console
 * only through the gateway, can neither forge one nor pass one along (the gateway drops any the request carries).
 *
 * @param user the identifying claim's value the person signed in with, recorded on what they write
 * @param expiresAt epoch seconds after which the console refuses it
 */
public record InstructorAssertion(String user, String namespace, String classroom, long expiresAt) {
  /** The request header that carries it from the gateway to the console. */
  public static final String HEADER = "X-Tito-Instructor";

  /** Where the gateway serves a class's console: {@code /_tito/console/<namespace>/<classroom>/}. */
  public static final String CONSOLE_PREFIX = "/_tito/console/";

  /** How long one is valid: a request's way through the gateway, with room for the pods' clocks to differ. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The shortest key accepted: 256 bits, the size of the MAC. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** What {@link #verify} found. */
  public sealed interface Verdict {}

  /** Signed by the key, not expired. */
  public record Valid(InstructorAssertion assertion) implements Verdict {}

  /** Refused, with the reason for the console's log (never shown to the person). */
  public record Invalid(String reason) implements Verdict {}

  /** The person, the class and an expiry {@link #LIFETIME} from {@code now}. */
  public static InstructorAssertion of(
      String user, String namespace, String classroom, Instant now) {
    return new InstructorAssertion(user, namespace, classroom, now.plus(LIFETIME).getEpochSecond());
  }

  /** The path the console of this assertion's class is served under, ending in {@code /}. */
  public String consoleBase() {
    return CONSOLE_PREFIX + namespace + "/" + classroom + "/";
  }

  /** The header's value: the fields, each base64url, the expiry and the MAC, joined by dots. */
  public String sign(byte[] key) {
    String body =
        String.join(
            ".",
            VERSION,
            encode(user),
            encode(namespace),
            encode(classroom),
            Long.toString(expiresAt));
    return body + "." + B64.encodeToString(mac(key, body));
  }

  /** Reads a header's value: valid only when this key signed it and it has not expired at {@code now}. */
  public static Verdict verify(String header, byte[] key, Instant now) {
    if (header == null || header.isEmpty()) {
      return new Invalid("no " + HEADER + " header (not sent through the gateway)");
    }
    String[] parts = header.split("\\.", -1);
    if (parts.length != 6 || !VERSION.equals(parts[0])) {
      return new Invalid("a malformed " + HEADER + " header");
    }
    String body = header.substring(0, header.lastIndexOf('.'));
    try {
      if (!MessageDigest.isEqual(B64D.decode(parts[5]), mac(key, body))) {
        return new Invalid("a " + HEADER + " header not signed by the gateway's key");
      }
      long expiresAt = Long.parseLong(parts[4]);
      // one minted long ahead is as suspect as one expired: the gateway mints LIFETIME ahead
      if (now.getEpochSecond() > expiresAt
          || expiresAt > now.plus(LIFETIME.multipliedBy(2)).getEpochSecond()) {
        return new Invalid("an expired " + HEADER + " header (or the pods' clocks differ)");
      }
      return new Valid(
          new InstructorAssertion(decode(parts[1]), decode(parts[2]), decode(parts[3]), expiresAt));
    } catch (IllegalArgumentException e) {
      return new Invalid("a malformed " + HEADER + " header");
    }
  }

  private static String encode(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return new String(B64D.decode(text), StandardCharsets.UTF_8);
  }

  private static byte[] mac(byte[] key, String body) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the console key has " + key.length + " bytes; it needs at least " + MIN_KEY_BYTES);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
