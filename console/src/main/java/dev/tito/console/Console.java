package dev.tito.console;

import dev.tito.console.course.CourseSource;
import dev.tito.console.web.ConsoleWeb;
import java.net.URI;
import java.time.Clock;

/**
 * {@code tito console}: the instructor's web console for a course folder or a class in a cluster, on this machine
 * only, behind a random access token printed in its address (as Jupyter does).
 */
public final class Console implements AutoCloseable {
  private final CourseSource source;
  private final ConsoleWeb web;

  private Console(CourseSource source, ConsoleWeb web) {
    this.source = source;
    this.web = web;
  }

  /**
   * Serves {@code source} on 127.0.0.1:{@code port} (0: a free port); grades given are recorded as by {@code gradedBy}.
   *
   * @throws IllegalArgumentException naming the port when it is taken
   */
  public static Console start(CourseSource source, int port, String gradedBy, Clock clock) {
    try {
      return new Console(source, ConsoleWeb.start(source, port, gradedBy, clock));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** The address to open, with the access token. */
  public URI url() {
    return web.url();
  }

  @Override
  public void close() {
    web.close();
    source.close();
  }
}
