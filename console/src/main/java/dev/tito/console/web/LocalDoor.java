package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.util.Map;
import java.util.logging.Logger;

/** The console on the instructor's own machine: one course, behind {@link AccessGate}'s token and cookie. */
final class LocalDoor implements Door {
  private static final Logger LOG = Logger.getLogger(LocalDoor.class.getName());
  private final Site site;
  private final AccessGate gate;

  LocalDoor(Site site, AccessGate gate) {
    this.site = site;
    this.gate = gate;
  }

  @Override
  public Admission admit(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    var headers = exchange.getRequestHeaders();
    AccessGate.Decision decision =
        gate.decide(
            new AccessGate.Request(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                uri.getRawQuery(),
                headers.getFirst("Host"),
                headers.getFirst("Cookie"),
                headers.getFirst("Origin"),
                headers.getFirst("Sec-Fetch-Site")));
    if (decision instanceof AccessGate.Refuse refuse) {
      LOG.fine(() -> "refused " + uri.getRawPath() + ": " + refuse.reason());
      return new Out(
          WebResponse.html(
              403,
              "<!DOCTYPE html><title>Forbidden</title><p>Forbidden. Open the address "
                  + "<code>tito console</code> printed: it holds the access token.</p>"));
    }
    if (decision instanceof AccessGate.SetCookie set) {
      return new Out(
          new WebResponse(
              303,
              "text/plain; charset=utf-8",
              new byte[0],
              Map.of("Location", set.location(), "Set-Cookie", set.cookie())));
    }
    return new In(site, "/", uri.getRawPath(), null);
  }

  @Override
  public void close() {
    site.close();
  }
}
