package dev.tito.console.web;

import dev.tito.console.course.CourseSource;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/** The console's web side: its pages, its event stream fed by the course's changes, and its server. */
public final class ConsoleWeb implements AutoCloseable {
  private final ConsoleServer server;

  private ConsoleWeb(ConsoleServer server) {
    this.server = server;
  }

  public static ConsoleWeb start(CourseSource source, int port, String gradedBy, Clock clock) {
    Pages pages = new Pages(source, clock, gradedBy);
    EventStream events = new EventStream();
    source.onChange(
        change -> {
          if (events.listening() > 0) {
            pages.livePanel().ifPresent(panel -> events.publish("live", panel));
            if (change == CourseSource.Change.GRADES) {
              events.publish("grades", "changed");
            }
          }
        });
    return new ConsoleWeb(ConsoleServer.start(port, secret(24), secret(32), pages, events));
  }

  /** A random secret, hex: 24 bytes is what Jupyter's tokens carry. */
  private static String secret(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  public URI url() {
    return server.url();
  }

  @Override
  public void close() {
    server.close();
  }
}
