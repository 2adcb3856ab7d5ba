package dev.tito.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Forwards one request, HTTP or a WebSocket handshake and its frames, to a student's server with Vert.x's reverse
 * proxy. The browser never holds the server's token: the gateway sets it on the way in and takes it out of the pages
 * and redirects that come back ({@link TokenScrub}). The gateway's own cookies
 * never reach the server, and cookies the server sets under the gateway's names never reach the browser (a student's
 * server is the student's code: it must not be able to plant or read a session).
 */
public final class StudentProxy {
  /** Every cookie of the gateway's begins with one of these. */
  public static final List<String> GATEWAY_COOKIE_PREFIXES = List.of("__Host-tito", "tito-");

  /** Connections to one student's server at once (each open WebSocket holds one); more wait for a free one. */
  public static final int CONNECTIONS_PER_SERVER = 64;

  private final HttpClient client;
  private final ProxyOptions options = new ProxyOptions().setSupportWebSocket(true);

  public StudentProxy(HttpClient client) {
    this.client = client;
  }

  /** The request must still be paused (its body unread); the proxy resumes it. */
  public void forward(HttpServerRequest request, SocketAddress upstream, String token) {
    MultiMap headers = request.headers();
    headers.remove(HttpHeaders.AUTHORIZATION);
    headers.set(HttpHeaders.AUTHORIZATION, "token " + token);
    // pages come back uncompressed, so the token can be taken out of them (cluster-internal
    // traffic)
    headers.remove(HttpHeaders.ACCEPT_ENCODING);
    String cookies = withoutGatewayCookies(headers.getAll(HttpHeaders.COOKIE));
    headers.remove(HttpHeaders.COOKIE);
    if (!cookies.isEmpty()) {
      headers.set(HttpHeaders.COOKIE, cookies);
    }
    request
        .response()
        .headersEndHandler(
            v -> {
              MultiMap out = request.response().headers();
              List<String> kept =
                  out.getAll(HttpHeaders.SET_COOKIE).stream()
                      .filter(c -> !isGatewayCookie(c))
                      .toList();
              out.remove(HttpHeaders.SET_COOKIE);
              kept.forEach(c -> out.add(HttpHeaders.SET_COOKIE, c));
            });
    HttpProxy.reverseProxy(options, client)
        .origin(upstream)
        .addInterceptor(new TokenScrub(token))
        .handle(request);
  }

  /** The Cookie header's pairs but the gateway's, in their order. */
  static String withoutGatewayCookies(List<String> cookieHeaders) {
    return cookieHeaders.stream()
        .flatMap(header -> java.util.Arrays.stream(header.split(";")))
        .map(String::trim)
        .filter(pair -> !pair.isEmpty() && !isGatewayCookie(pair))
        .collect(Collectors.joining("; "));
  }

  static boolean isGatewayCookie(String cookie) {
    String name = cookie.trim().toLowerCase(Locale.ROOT);
    return GATEWAY_COOKIE_PREFIXES.stream()
        .anyMatch(prefix -> name.startsWith(prefix.toLowerCase(Locale.ROOT)));
  }
}
