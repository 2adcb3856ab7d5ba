package dev.tito.console;

import dev.tito.console.course.ClusterCourse;
import dev.tito.console.course.CourseSource;
import dev.tito.console.web.ConsoleWeb;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code tito console}: the instructor's web console for a course folder or a class in a cluster, on this machine
 * only, behind a random access token printed in its address (as Jupyter does); or in the cluster, behind the gateway's
 * sign-in, each class for its own instructors.
 */
public final class Console implements AutoCloseable {
  private final List<? extends CourseSource> sources;
  private final ConsoleWeb web;

  private Console(List<? extends CourseSource> sources, ConsoleWeb web) {
    this.sources = sources;
    this.web = web;
  }

  /**
   * Serves {@code source} on 127.0.0.1:{@code port} (0: a free port); grades given are recorded as by {@code gradedBy}.
   *
   * @throws IllegalArgumentException naming the port when it is taken
   */
  public static Console start(CourseSource source, int port, String gradedBy, Clock clock) {
    try {
      return new Console(List.of(source), ConsoleWeb.start(source, port, gradedBy, clock));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * Serves each Classroom of the namespaces' courses on every address's {@code port}, under the gateway's
   * {@code /_tito/console/<namespace>/<classroom>/}, to the instructors the gateway vouches for (docs/console.md).
   *
   * @param key the key the gateway signs its assertions with
   * @throws IllegalArgumentException naming the port when it is taken
   */
  public static Console behindGateway(
      Map<String, ClusterCourse> namespaces, URI publicUrl, byte[] key, int port, Clock clock) {
    List<ClusterCourse> sources = List.copyOf(namespaces.values());
    try {
      return new Console(
          sources, ConsoleWeb.behindGateway(namespaces, publicUrl, key, port, clock));
    } catch (RuntimeException e) {
      sources.forEach(ClusterCourse::close);
      throw e;
    }
  }

  /** The address to open, with the access token (behind the gateway: the gateway's address). */
  public URI url() {
    return web.url();
  }

  /** The port it listens on. */
  public int port() {
    return web.port();
  }

  @Override
  public void close() {
    web.close();
    sources.forEach(CourseSource::close);
  }
}
