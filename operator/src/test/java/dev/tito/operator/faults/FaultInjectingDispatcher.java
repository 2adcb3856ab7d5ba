package dev.tito.operator.faults;

import dev.tito.operator.bench.IndexedCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process API misbehaving as a loaded API server does: a share of requests answered 500, 503 or 429
 * (updates, patches and deletes also 409 Conflict) before reaching the store, and watches dropped after a random while. Seeded: a failing
 * run replays.
 */
public final class FaultInjectingDispatcher extends IndexedCrudDispatcher {
  private final double rate;
  private final Random random;
  private final ScheduledExecutorService dropper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "watch-dropper");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean enabled = true;

  private final String sparedAgent;

  /**
   * @param rate share of requests (0..1) answered with a fault, and chance that a watch is dropped
   * @param sparedAgent requests with this User-Agent (the test's own) get no faults
   */
  public FaultInjectingDispatcher(double rate, long seed, String sparedAgent) {
    this.rate = rate;
    this.random = new Random(seed);
    this.sparedAgent = sparedAgent;
  }

  /** Faults stop (the API server recovers): what is left must converge. */
  public void heal() {
    enabled = false;
  }

  /** Faults injected so far by kind ("500", "429", "409", "watch-drop", ...). */
  public Map<String, Long> injected() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    injected.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  public long requests() {
    return requests.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.incrementAndGet();
    String path = request.getPath();
    boolean watch = path.contains("watch=true");
    if (sparedAgent.equals(request.getHeader("User-Agent"))) {
      return super.dispatch(request);
    }
    if (enabled && !watch && roll()) {
      // a conflict answers an update or delete; a create answered 409 means the object exists,
      // which a fault cannot fake
      boolean conflictable =
          !"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod());
      int code =
          switch (nextInt(conflictable ? 4 : 3)) {
            case 0 -> 500;
            case 1 -> 503;
            case 2 -> 429;
            default -> 409;
          };
      count(Integer.toString(code));
      return fault(code);
    }
    return super.dispatch(request);
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    // the test's own watches are dropped too: they reconnect like the operator's
    if (!enabled || !roll()) {
      return response;
    }
    WebSocketListener store = response.getWebSocketListener();
    long after = 200 + nextInt(3000);
    return new MockResponse()
        .withWebSocketUpgrade(
            new WebSocketListener() {
              @Override
              public void onBeforeAccept(WebSocket webSocket, Response upgrade) {
                store.onBeforeAccept(webSocket, upgrade);
              }

              @Override
              public void onOpen(WebSocket webSocket, Response upgrade) {
                store.onOpen(webSocket, upgrade);
                dropper.schedule(
                    () -> {
                      count("watch-drop");
                      webSocket.close(1011, "injected: watch dropped");
                    },
                    after,
                    TimeUnit.MILLISECONDS);
              }

              @Override
              public void onMessage(WebSocket webSocket, String text) {
                store.onMessage(webSocket, text);
              }

              @Override
              public void onMessage(WebSocket webSocket, ByteString bytes) {
                store.onMessage(webSocket, bytes);
              }

              @Override
              public void onMessage(WebSocket webSocket, byte[] bytes) {
                store.onMessage(webSocket, bytes);
              }

              @Override
              public void onClosing(WebSocket webSocket, int code, String reason) {
                store.onClosing(webSocket, code, reason);
              }

              @Override
              public void onClosed(WebSocket webSocket, int code, String reason) {
                store.onClosed(webSocket, code, reason);
              }

              @Override
              public void onFailure(WebSocket webSocket, Throwable t, Response failed) {
                store.onFailure(webSocket, t, failed);
              }
            });
  }

  private static MockResponse fault(int code) {
    String reason =
        switch (code) {
          case 409 -> "Conflict";
          case 429 -> "TooManyRequests";
          case 503 -> "ServiceUnavailable";
          default -> "InternalError";
        };
    MockResponse response =
        new MockResponse()
            .setResponseCode(code)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"message\":\"injected fault\",\"reason\":\""
                    + reason
                    + "\",\"code\":"
                    + code
                    + "}");
    response.setHeader("Content-Type", "application/json");
    if (code == 429) {
      response.setHeader("Retry-After", "1");
    }
    return response;
  }

  private synchronized boolean roll() {
    return random.nextDouble() < rate;
  }

  private synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private void count(String kind) {
    injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }
}
