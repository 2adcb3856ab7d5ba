package dev.tito.console.web;

import com.sun.net.httpserver.HttpServer;
import dev.tito.console.course.ClusterCourse;
import dev.tito.console.course.CourseSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/** The console's web side: its pages, their event streams fed by the course's changes, and its server. */
public final class ConsoleWeb implements AutoCloseable {
  private final ConsoleServer server;
  private final URI url;

  private ConsoleWeb(ConsoleServer server, URI url) {
    this.server = server;
    this.url = url;
  }

  /** On this machine: 127.0.0.1:{@code port} (0: a free one), behind a token printed in {@link #url()}. */
  public static ConsoleWeb start(CourseSource source, int port, String gradedBy, Clock clock) {
    HttpServer http =
        ConsoleServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    String token = secret(24);
    int bound = http.getAddress().getPort();
    Door door =
        new LocalDoor(Site.of(source, clock, gradedBy), new AccessGate(token, secret(32), bound));
    return new ConsoleWeb(
        ConsoleServer.start(http, door),
        URI.create("http://127.0.0.1:" + bound + "/?token=" + token));
  }

  /**
   * In the cluster, behind the gateway: every address on {@code port}, each Classroom of the namespaces served to the
   * instructors the gateway vouches for with assertions signed by {@code key}.
   *
   * @param namespaces each namespace's course, by namespace
   * @param publicUrl the gateway's public address (scheme and host): its origin is the only one whose pages may post
   */
  public static ConsoleWeb behindGateway(
      Map<String, ClusterCourse> namespaces, URI publicUrl, byte[] key, int port, Clock clock) {
    HttpServer http = ConsoleServer.bind(new InetSocketAddress(port));
    String origin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    return new ConsoleWeb(
        ConsoleServer.start(http, new GatewayDoor(namespaces, origin, key, clock)),
        URI.create(origin + "/"));
  }

  /** A random secret, hex: 24 bytes is what Jupyter's tokens carry. */
  private static String secret(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** The address to open: on this machine with the access token; behind the gateway, the gateway's. */
  public URI url() {
    return url;
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
