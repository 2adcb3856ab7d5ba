package dev.tito.operator.classroom;

import dev.tito.operator.culling.ServerActivity;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Jupyter servers as the tests want them: a last activity per server host, unknown otherwise. */
final class FakeServerActivity implements ServerActivity {
  private final Map<String, Instant> byHost = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  void lastActive(String serverName, String namespace, Instant at) {
    byHost.put(serverName + "." + namespace + ".svc", at);
  }

  String tokenSeenBy(String serverName, String namespace) {
    return tokens.get(serverName + "." + namespace + ".svc");
  }

  @Override
  public Optional<Instant> lastActivity(URI statusUri, String token) {
    tokens.put(statusUri.getHost(), token);
    return Optional.ofNullable(byHost.get(statusUri.getHost()));
  }
}
