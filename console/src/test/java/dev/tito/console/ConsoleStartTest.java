package dev.tito.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.console.course.LocalCourse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleStartTest {
  @TempDir Path dir;

  @Test
  void aPortInUseIsOneLineNamingItAndNothingKeepsRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  Console.start(
                      new LocalCourse(dir, Clock.systemUTC()), port, "alice", Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "port "
                  + port
                  + " on 127.0.0.1 is in use (another console, or a Jupyter server?): choose "
                  + "another with --port, or leave --port out for a free one");
    }
  }

  @Test
  void aFreePortIsChosenAndTheAddressHoldsALongRandomToken() {
    try (Console one =
            Console.start(new LocalCourse(dir, Clock.systemUTC()), 0, "alice", Clock.systemUTC());
        Console two =
            Console.start(new LocalCourse(dir, Clock.systemUTC()), 0, "alice", Clock.systemUTC())) {
      assertThat(one.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{48}");
      assertThat(one.url().getPort()).isNotEqualTo(two.url().getPort());
      assertThat(one.url().getQuery()).isNotEqualTo(two.url().getQuery());
    }
  }

  @Test
  void aCourseFolderThatDoesNotExistIsOneLine() {
    assertThatThrownBy(() -> new LocalCourse(dir.resolve("nope"), Clock.systemUTC()))
        .hasMessage(dir.resolve("nope") + ": no such course folder");
  }
}
