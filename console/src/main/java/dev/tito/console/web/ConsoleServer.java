package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's HTTP server (the JDK's own: nothing more to ship): on the loopback interface on the instructor's
 * machine, on the pod's port behind the gateway. Every request passes the {@link Door} first; pages get the security
 * headers below, and no page may run script other than the console's own files.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final int MAX_FORM_BYTES = 1 << 20;
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
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
  private final Door door;
  private final StaticFiles files = new StaticFiles();

  private ConsoleServer(HttpServer server, ExecutorService threads, Door door) {
    this.server = server;
    this.threads = threads;
    this.door = door;
  }

  /** Binds {@code address} (port 0: a free port): the door is made once the port is known. */
  static HttpServer bind(InetSocketAddress address) {
    String where = address.getAddress().getHostAddress() + ":" + address.getPort();
    try {
      return HttpServer.create(address, 64);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "port "
              + address.getPort()
              + " on "
              + address.getAddress().getHostAddress()
              + " is in use (another console, or a Jupyter "
              + "server?): choose another with --port, or leave --port out for a free one");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + where + ": " + e.getMessage(), e);
    }
  }

  /** Serves what {@code door} lets in on a bound server. */
  static ConsoleServer start(HttpServer server, Door door) {
    // a thread per open request: an event stream holds one for as long as its page is open
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "console-http");
              thread.setDaemon(true);
              return thread;
            });
    ConsoleServer console = new ConsoleServer(server, threads, door);
    server.createContext("/", console::exchange);
    server.setExecutor(threads);
    server.start();
    return console;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try {
      Door.Admission admission = door.admit(exchange);
      if (admission instanceof Door.In in) {
        serve(exchange, in);
      } else {
        send(exchange, ((Door.Out) admission).response());
      }
    } finally {
      exchange.close();
    }
  }

  private void serve(HttpExchange exchange, Door.In in) throws IOException {
    URI uri = exchange.getRequestURI();
    String path = in.path();
    if ("/events".equals(path)) {
      in.site().events().serve(exchange, "live", in.site().pages().livePanel().orElse(null));
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
            : in.site().pages().handle(request.by(in.person(), in.base())).under(in.base()));
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
    door.close();
    server.stop(0);
    threads.shutdownNow();
  }
}
