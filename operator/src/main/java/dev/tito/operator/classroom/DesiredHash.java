package dev.tito.operator.classroom;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short digest of a desired object: equal digests mean nothing to write. */
public final class DesiredHash {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private DesiredHash() {}

  public static String of(Object desired) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(JSON.asJson(desired).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
