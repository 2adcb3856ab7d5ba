package dev.tito.gateway.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cookie value that carries its own data and an HMAC-SHA256 of it under the gateway's key: nothing is stored on the
 * server, so any replica reads any cookie. The cookie's name is part of what is signed, so one kind of cookie cannot
 * be replayed as another.
 */
public final class SignedCookie {
  /** The shortest key accepted: 256 bits, the size of the MAC. */
  public static final int MIN_KEY_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public SignedCookie(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the session key has " + key.length + " bytes; it needs at least " + MIN_KEY_BYTES);
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String seal(String cookieName, Object payload) {
    try {
      String body = B64.encodeToString(JSON.writeValueAsBytes(payload));
      return body + "." + B64.encodeToString(mac(cookieName, body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + cookieName + " cookie", e);
    }
  }

  /** The payload of a cookie this key sealed under this name; empty for anything forged, altered or malformed. */
  public <T> Optional<T> open(String cookieName, String value, Class<T> type) {
    if (value == null) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    if (dot <= 0 || dot != value.lastIndexOf('.')) {
      return Optional.empty();
    }
    String body = value.substring(0, dot);
    try {
      byte[] given = B64D.decode(value.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(cookieName, body))) {
        return Optional.empty();
      }
      return Optional.of(JSON.readValue(B64D.decode(body), type));
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** A value derived from this key (e.g. a session's CSRF token): the same on every replica, unknowable without it. */
  public String derive(String purpose, String input) {
    return B64.encodeToString(mac(purpose, input));
  }

  private byte[] mac(String name, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
