package dev.tito.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final String CREATE =
      """
      {"stage":"ResponseComplete","requestReceivedTimestamp":"2026-12-03T10:00:00Z","user":{"username":"ada"},\
      "verb":"create","objectRef":{"resource":"configmaps","namespace":"ml","name":"%s"},"responseStatus":{"code":201}}
      """;

  @Test
  void aLineTheApiServerIsStillWritingIsLeftForTheNextRead(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("audit.log");
    Files.writeString(
        log,
        CREATE.formatted("one")
            + CREATE.formatted("two")
            + CREATE.formatted("three").substring(0, 90));

    assertThat(new AuditLog(log).by("ada"))
        .extracting(AuditLog.Request::name)
        .containsExactly("one", "two");
  }

  @Test
  void aBrokenLineInTheMiddleIsAnError(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("audit.log");
    Files.writeString(
        log, CREATE.formatted("one").substring(0, 90) + "\n" + CREATE.formatted("two"));

    assertThatThrownBy(() -> new AuditLog(log).all())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("audit.log");
  }
}
