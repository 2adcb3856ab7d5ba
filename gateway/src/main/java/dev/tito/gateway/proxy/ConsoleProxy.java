package dev.tito.gateway.proxy;

import dev.tito.api.gateway.InstructorAssertion;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * Forwards an instructor's request to the console's Service with the gateway's signed word for who they are and which
 * class they teach ({@link InstructorAssertion}). Whatever assertion the browser sent is dropped first, so nobody can
 * pass one along; no cookie and no credential of the browser's reaches the console, which needs none.
 */
public final class ConsoleProxy {
  /** Connections to the console at once: each open console page holds one for its event stream. */
  public static final int CONNECTIONS = 256;

  private final HttpClient client;
  private final ProxyOptions options = new ProxyOptions();

  public ConsoleProxy(HttpClient client) {
    this.client = client;
  }

  /** The request must still be paused (its body unread); the proxy resumes it. */
  public void forward(HttpServerRequest request, SocketAddress console, String assertion) {
    request.headers().remove(InstructorAssertion.HEADER);
    request.headers().remove(HttpHeaders.COOKIE);
    request.headers().remove(HttpHeaders.AUTHORIZATION);
    request.headers().set(InstructorAssertion.HEADER, assertion);
    HttpProxy.reverseProxy(options, client).origin(console).handle(request);
  }
}
