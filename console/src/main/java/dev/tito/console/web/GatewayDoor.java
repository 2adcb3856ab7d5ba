package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;
import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.console.course.ClusterCourse;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The console in the cluster, behind the gateway: each Classroom's pages under its own path, for the instructors the
 * gateway vouches for ({@link GatewayGate}); one watch per namespace, each class a view of it.
 */
final class GatewayDoor implements Door {
  private static final Logger LOG = Logger.getLogger(GatewayDoor.class.getName());
  private final GatewayGate gate;
  private final Map<String, ClusterCourse> namespaces;
  private final Clock clock;
  private final String origin;
  private final Map<String, Site> sites = new ConcurrentHashMap<>();

  /** @param namespaces the course of each namespace served, by namespace */
  GatewayDoor(Map<String, ClusterCourse> namespaces, String origin, byte[] key, Clock clock) {
    this.gate = new GatewayGate(namespaces.keySet(), origin, key);
    this.namespaces = namespaces;
    this.origin = origin;
    this.clock = clock;
  }

  @Override
  public Admission admit(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    var headers = exchange.getRequestHeaders();
    GatewayGate.Decision decision =
        gate.decide(
            new GatewayGate.Request(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                headers.getFirst(InstructorAssertion.HEADER),
                headers.getFirst("Origin"),
                headers.getFirst("Sec-Fetch-Site")),
            clock.instant());
    if (decision instanceof GatewayGate.Refuse refuse) {
      LOG.warning(() -> "refused " + uri.getRawPath() + ": " + refuse.reason());
      return new Out(
          WebResponse.html(
              refuse.status(),
              refuse.status() == 404
                  ? "<!DOCTYPE html><title>Not found</title><p>Not found.</p>"
                  : "<!DOCTYPE html><title>Forbidden</title><p>Forbidden. Open the console from "
                      + origin
                      + "/ after signing in as one of the class's instructors.</p>"));
    }
    if (decision instanceof GatewayGate.Redirect redirect) {
      return new Out(WebResponse.seeOther(redirect.location()));
    }
    GatewayGate.Allow allow = (GatewayGate.Allow) decision;
    Site site =
        sites.computeIfAbsent(
            allow.namespace() + "/" + allow.classroom(),
            key ->
                // every request names its person: no console user to fall back on
                Site.of(
                    namespaces.get(allow.namespace()).classroom(allow.classroom()), clock, null));
    return new In(site, allow.base(), allow.path(), allow.user());
  }

  @Override
  public void close() {
    sites.values().forEach(Site::close);
  }
}
