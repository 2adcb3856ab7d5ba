package dev.tito.operator.culling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A server the gateway saw in use within its idle timeout is neither asked nor stopped; others are asked as before. */
class ActivityWatchTest {
  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  @Test
  void theGatewaysSightingsSpareServersAProbeAndKeepThemRunning() {
    // the probes run on the watch's pool, two at once
    List<String> asked = new CopyOnWriteArrayList<>();
    ServerActivity servers =
        (uri, token) -> {
          if (uri.getHost().equals("ml-eve")) {
            slowAnswer(); // the poll must still wait for the slowest server before it is over
          }
          asked.add(uri.getHost());
          return Optional.of(NOW.minus(Duration.ofHours(2)));
        };
    Map<String, Instant> gateway =
        Map.of("ada", NOW.minus(Duration.ofMinutes(5)), "ben", NOW.minus(Duration.ofHours(1)));
    List<String> idleClasses = new ArrayList<>();
    try (ActivityWatch watch =
        new ActivityWatch(
            servers,
            (namespace, classroom) ->
                namespace.equals("course") && classroom.equals("ml") ? gateway : Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC))) {
      watch.track("course/ml", TIMEOUT, List.of(target("ada"), target("ben"), target("eve")));

      watch.pollOnce(classroom -> true, idleClasses::add);

      assertThat(asked).containsExactlyInAnyOrder("ml-ben", "ml-eve");
      assertThat(watch.idleSince("course/ml-ada", TIMEOUT)).isEmpty();
      assertThat(watch.idleSince("course/ml-ben", TIMEOUT))
          .contains(NOW.minus(Duration.ofHours(2)));
      assertThat(idleClasses).containsExactly("course/ml");
    }
  }

  private static void slowAnswer() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ProbeTarget target(String student) {
    return new ProbeTarget(
        "course/ml-" + student,
        URI.create("http://ml-" + student + "/user/ml/" + student + "/api/status"),
        "t");
  }
}
