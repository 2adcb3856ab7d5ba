package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The console's HTTP server, on the loopback interface only (the JDK's own server: nothing more to ship). Every
 * request passes {@link AccessGate} first; pages get the security headers below, and no page may run script other than
 * the console's own files.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
  private static final int MAX_FORM_BYTES = 1 << 20;
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Map<String, String> HEADERS =
      Map.of(
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "same-origin",
          "Cache-Control",
          "no-store",
          "X-Frame-Options",
          "DENY");

  private final HttpServer server;
  private final ExecutorService threads;
  private final AccessGate gate;
  private final Pages pages;
  private final EventStream events;
  private final StaticFiles files = new StaticFiles();
  private final String token;

  private ConsoleServer(
      HttpServer server,
      ExecutorService threads,
      String token,
      String session,
      Pages pages,
      EventStream events) {
    this.server = server;
    this.threads = threads;
    this.token = token;
    this.gate = new AccessGate(token, session, server.getAddress().getPort());
    this.pages = pages;
    this.events = events;
  }

  /**
   * Listens on 127.0.0.1:{@code port} (0: a free port).
   *
   * @throws IllegalArgumentException naming the port when it is taken
   */
  static ConsoleServer start(
      int port, String token, String session, Pages pages, EventStream events) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " on 127.0.0.1 is in use (another console, or a Jupyter "
              + "server?): choose another with --port, or leave --port out for a free one");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    // a thread per open request: an event stream holds one for as long as its page is open
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "console-http");
              thread.setDaemon(true);
              return thread;
            });
    ConsoleServer console = new ConsoleServer(server, threads, token, session, pages, events);
    server.createContext("/", console::exchange);
    server.setExecutor(threads);
    server.start();
    return console;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address to open: it holds the access token. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/?token=" + token);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try {
      URI uri = exchange.getRequestURI();
      AccessGate.Decision decision =
          gate.decide(
              new AccessGate.Request(
                  exchange.getRequestMethod(),
                  uri.getRawPath(),
                  uri.getRawQuery(),
                  exchange.getRequestHeaders().getFirst("Host"),
                  exchange.getRequestHeaders().getFirst("Cookie"),
                  exchange.getRequestHeaders().getFirst("Origin"),
                  exchange.getRequestHeaders().getFirst("Sec-Fetch-Site")));
      if (decision instanceof AccessGate.Refuse refuse) {
        LOG.fine(() -> "refused " + uri.getRawPath() + ": " + refuse.reason());
        send(
            exchange,
            WebResponse.html(
                403,
                "<!DOCTYPE html><title>Forbidden</title><p>Forbidden. Open the address "
                    + "<code>tito console</code> printed: it holds the access token.</p>"));
      } else if (decision instanceof AccessGate.SetCookie set) {
        exchange.getResponseHeaders().add("Set-Cookie", set.cookie());
        send(exchange, WebResponse.seeOther(set.location()));
      } else {
        serve(exchange, uri);
      }
    } finally {
      exchange.close();
    }
  }

  private void serve(HttpExchange exchange, URI uri) throws IOException {
    String path = uri.getRawPath();
    if ("/events".equals(path)) {
      events.serve(exchange, "live", pages.livePanel().orElse(null));
      return;
    }
    if (path.startsWith("/static/")) {
      send(exchange, files.get(path.substring("/static/".length())));
      return;
    }
    String method = exchange.getRequestMethod();
    String form = null;
    if ("POST".equals(method)) {
      byte[] body = read(exchange.getRequestBody());
      if (body == null) {
        send(
            exchange,
            WebResponse.html(
                413, "<!DOCTYPE html><title>Too large</title><p>The form is too large.</p>"));
        return;
      }
      form = new String(body, StandardCharsets.UTF_8);
    } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
      send(
          exchange,
          WebResponse.html(
              405, "<!DOCTYPE html><title>Not allowed</title><p>Method not allowed.</p>"));
      return;
    }
    WebRequest request = WebRequest.of(method, path, uri.getRawQuery(), form);
    send(
        exchange,
        request == null
            ? WebResponse.html(
                400, "<!DOCTYPE html><title>Bad request</title><p>The address cannot be read.</p>")
            : pages.handle(request));
  }

  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
    return body.length > MAX_FORM_BYTES ? null : body;
  }

  private static void send(HttpExchange exchange, WebResponse response) throws IOException {
    var headers = exchange.getResponseHeaders();
    HEADERS.forEach(headers::set);
    headers.set("Content-Security-Policy", POLICY);
    response.headers().forEach(headers::set);
    headers.set("Content-Type", response.contentType());
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(
        response.status(), head || response.body().length == 0 ? -1 : response.body().length);
    if (!head && response.body().length > 0) {
      exchange.getResponseBody().write(response.body());
    }
  }

  @Override
  public void close() {
    events.close();
    server.stop(0);
    threads.shutdownNow();
  }
}
