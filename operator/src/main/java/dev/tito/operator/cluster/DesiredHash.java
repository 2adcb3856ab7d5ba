package dev.tito.operator.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short digest of a desired object: equal digests mean nothing to write. */
public final class DesiredHash {
  /** The annotation carrying the digest on every object the operator writes. */
  public static final String ANNOTATION = "tito.dev/desired-hash";

  // the models carry their own Jackson annotations; a plain mapper streaming into the digest is the
  // cheapest. Map
  // keys sorted: Map.of iterates in an order salted per JVM, and a restarted operator must find the
  // same digest
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private DesiredHash() {}

  public static String of(Object desired) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        JSON.writeValue(out, desired);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot digest " + desired.getClass().getSimpleName(), e);
    }
  }
}
