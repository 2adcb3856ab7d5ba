package dev.tito.operator.culling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code last_activity} from Jupyter Server's own {@code /api/status}, authenticated with the student's token. */
public final class JupyterServerActivity implements ServerActivity {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  @Override
  public Optional<Instant> lastActivity(URI statusUri, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(statusUri)
            .timeout(TIMEOUT)
            .header("Authorization", "token " + token)
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode lastActivity = JSON.readTree(response.body()).path("last_activity");
      return lastActivity.isTextual()
          ? Optional.of(Instant.parse(lastActivity.asText()))
          : Optional.empty();
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
