package dev.tito.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The API server's audit log (JSON lines, Metadata level), read across its rotated files. */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  /** One request as the API server answered it. */
  public record Request(
      Instant received,
      String user,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      String message) {
    /** Whether it changed (or tried to change) stored state: an access or token review is a question, not a write. */
    public boolean isWrite() {
      return WRITES.contains(verb)
          && !group.equals("authorization.k8s.io")
          && !group.equals("authentication.k8s.io");
    }

    /** {@code verb group/resource[/subresource]}, the core group written without a prefix. */
    public String permission() {
      return verb
          + " "
          + (group.isEmpty() ? "" : group + "/")
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    @Override
    public String toString() {
      return permission()
          + " "
          + namespace
          + "/"
          + name
          + " -> "
          + code
          + (message.isEmpty() ? "" : " " + message);
    }
  }

  private final Path log;

  public AuditLog(Path log) {
    this.log = log;
  }

  /** Every completed request of this user, oldest first. */
  public List<Request> by(String user) {
    return all().stream().filter(r -> r.user().equals(user)).toList();
  }

  /** Every completed request, oldest first (rotated files, named {@code audit-<time>.log}, come before the live one). */
  public List<Request> all() {
    List<Request> requests = new ArrayList<>();
    String prefix = log.getFileName().toString().replace(".log", "-");
    try (Stream<Path> files = Files.list(log.getParent())) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().startsWith(prefix) || f.equals(log))
              .sorted(Comparator.comparing((Path f) -> f.equals(log)).thenComparing(Path::toString))
              .toList()) {
        read(file, requests);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + log, e);
    }
    return requests;
  }

  private static void read(Path file, List<Request> into) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      String line = lines.readLine();
      while (line != null) {
        String next = lines.readLine();
        JsonNode event;
        try {
          event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          // the API server may be writing the last line this very moment: a cut-off last line is
          // read next time
          if (next == null) {
            return;
          }
          throw e;
        }
        line = next;
        if (!"ResponseComplete".equals(event.path("stage").asText())) {
          continue;
        }
        JsonNode object = event.path("objectRef");
        into.add(
            new Request(
                Instant.parse(event.path("requestReceivedTimestamp").asText()),
                event.path("user").path("username").asText(),
                event.path("verb").asText(),
                object.path("apiGroup").asText(""),
                object.path("resource").asText(""),
                object.path("subresource").asText(""),
                object.path("namespace").asText(""),
                object.path("name").asText(""),
                event.path("responseStatus").path("code").asInt(),
                event.path("responseStatus").path("message").asText("")));
      }
    }
  }
}
