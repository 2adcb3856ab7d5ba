package dev.tito.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The students' servers for the benchmarks: answers GETs and echoes WebSocket frames at {@code /user/<class>/<id>/},
 * only with the student's own token ({@code t-<id>}). Run in a process of its own ({@link #fork}), so that its sockets
 * and its CPU are not counted as the gateway's.
 */
final class EchoUpstream implements AutoCloseable {
  private final Process process;
  final int port;

  private EchoUpstream(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the upstream in a new JVM on this test's class path and waits for its port. */
  static EchoUpstream fork() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                EchoUpstream.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      process.destroyForcibly();
      throw new IllegalStateException("the upstream process did not start: " + line);
    }
    return new EchoUpstream(process, Integer.parseInt(line.substring("port ".length())));
  }

  /** Open file descriptors of the upstream process (its sockets), from /proc. */
  long openFiles() {
    return BenchmarkClass.openFiles(process.pid());
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Serves until its standard input closes (the benchmark's JVM ended or closed it). */
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpServer server = listen(vertx);
    System.out.println("port " + server.actualPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // the input carries nothing: its end is the signal to stop
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static HttpServer listen(Vertx vertx) throws Exception {
    return vertx
        .createHttpServer()
        .webSocketHandler(
            socket -> {
              String student = socket.path().split("/")[3];
              if (!("token t-" + student).equals(socket.headers().get("Authorization"))) {
                socket.close((short) 1008);
                return;
              }
              socket.textMessageHandler(socket::writeTextMessage);
            })
        .requestHandler(
            request -> {
              String student = request.path().split("/")[3];
              boolean token = ("token t-" + student).equals(request.getHeader("Authorization"));
              request
                  .response()
                  .setStatusCode(token ? 200 : 403)
                  .end("{\"last_activity\":\"2030-01-01T00:00:00Z\",\"kernels\":1}");
            })
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
