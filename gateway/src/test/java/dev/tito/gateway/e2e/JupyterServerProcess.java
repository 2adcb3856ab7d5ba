package dev.tito.gateway.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A real Jupyter server (Debian's python3-jupyter-server) as a local process, as a student's pod runs it. */
final class JupyterServerProcess implements AutoCloseable {
  /** The Python the product runs notebooks with (Debian's, or TITO_PYTHON). */
  static final String PYTHON =
      dev.tito.notebook.execute.LocalJupyter.python(System.getenv()).toString();

  final int port;
  final String token;
  private final Process process;

  private JupyterServerProcess(int port, String token, Process process) {
    this.port = port;
    this.token = token;
    this.process = process;
  }

  static boolean available() {
    try {
      Process check =
          new ProcessBuilder(PYTHON, "-c", "import jupyter_server, ipykernel")
              .redirectErrorStream(true)
              .start();
      return check.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Started with the student's token in JUPYTER_TOKEN and the base_url the operator gives it; ready when this returns. */
  static JupyterServerProcess start(String basePath, String token, Path home) throws Exception {
    int port = freePort();
    Files.createDirectories(home);
    ProcessBuilder builder =
        new ProcessBuilder(
                PYTHON,
                "-m",
                "jupyter_server",
                "--no-browser",
                "--ip=127.0.0.1",
                "--port=" + port,
                "--allow-root",
                "--ServerApp.base_url=" + basePath,
                "--ServerApp.root_dir=" + home)
            .redirectErrorStream(true)
            .redirectOutput(home.resolveSibling("jupyter.log").toFile());
    builder.environment().put("JUPYTER_TOKEN", token);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolveSibling("runtime").toString());
    JupyterServerProcess server = new JupyterServerProcess(port, token, builder.start());
    server.awaitReady(basePath);
    return server;
  }

  private void awaitReady(String basePath) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Jupyter server exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + basePath + "api"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the Jupyter server was not ready within 60 s");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
