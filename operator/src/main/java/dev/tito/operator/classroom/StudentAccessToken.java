package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** The token a student's Jupyter server accepts; created once and never rewritten, so sessions keep working. */
public final class StudentAccessToken {
  public static final String COMPONENT = "access-token";
  public static final String KEY = "token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private StudentAccessToken() {}

  public static Secret desired(Classroom classroom, Student student, String token) {
    return new SecretBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom, student.id(), StudentNames.token(classroom, student.id()), COMPONENT))
        .withType("Opaque")
        .withData(
            Map.of(KEY, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  /** The token stored in an existing Secret, or null when it holds none. */
  public static String read(Secret secret) {
    String encoded = secret.getData() == null ? null : secret.getData().get(KEY);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  public static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
