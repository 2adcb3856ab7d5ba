package dev.tito.gateway.session;

import java.util.Locale;

/**
 * CSRF and cross-site WebSocket protection for requests the session cookie authorises: a browser names the page that
 * sent a request in Origin (always on WebSocket handshakes and on every non-GET fetch) and Sec-Fetch-Site; a request
 * another site's page sent is refused.
 */
public final class CrossOrigin {
  private CrossOrigin() {}

  /**
   * Whether a request may act on the session.
   *
   * @param method the HTTP method
   * @param webSocket whether it is a WebSocket handshake
   * @param origin the Origin header, or null
   * @param fetchSite the Sec-Fetch-Site header, or null
   * @param ownOrigin this gateway's public origin, e.g. {@code https://classes.example.edu}
   */
  public static boolean allowed(
      String method, boolean webSocket, String origin, String fetchSite, String ownOrigin) {
    boolean safe =
        !webSocket && (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    if (safe) {
      return true;
    }
    if (fetchSite != null
        && !fetchSite.equalsIgnoreCase("same-origin")
        && !fetchSite.equalsIgnoreCase("none")) {
      return false;
    }
    // browsers always send Origin on these: a request without one was not sent by another site's
    // page
    return origin == null
        || origin.toLowerCase(Locale.ROOT).equals(ownOrigin.toLowerCase(Locale.ROOT));
  }
}
