package dev.tito.gateway.routing;

import dev.tito.gateway.classes.ServerRef;
import java.net.URI;
import java.util.Locale;

/**
 * Each student's server's own origin, {@code <classroom>-<student>.<domain>}, where instructors open it: apart from the
 * gateway's origin, so a student's pages (the student's own script) never run beside an instructor's gateway session.
 * Scheme and port are the gateway's.
 *
 * @param domain the servers' domain, e.g. {@code servers.example.edu} (wildcard DNS and TLS for {@code *.<domain>})
 */
public record ServerOrigins(String scheme, String domain, int port) {
  /** The servers' origins beside the gateway at publicUrl. */
  public static ServerOrigins of(URI publicUrl, String domain) {
    return new ServerOrigins(
        publicUrl.getScheme(), domain.toLowerCase(Locale.ROOT), publicUrl.getPort());
  }

  public String host(ServerRef server) {
    return server.name() + "." + domain;
  }

  public String origin(ServerRef server) {
    return scheme + "://" + host(server) + (port < 0 ? "" : ":" + port);
  }

  /**
   * The server name a request's Host header names ({@code <name>.<domain>[:port]}), or null when it names another host
   * (the gateway's own).
   */
  public String serverName(String hostHeader) {
    if (hostHeader == null) {
      return null;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    if (!host.endsWith("." + domain)) {
      return null;
    }
    String name = host.substring(0, host.length() - domain.length() - 1);
    return name.isEmpty() || name.contains(".") ? null : name;
  }
}
