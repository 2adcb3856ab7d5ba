package dev.tito.operator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tito.controlplane.LoopbackCertificate;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real API server failing a share of one user's writes, as a loaded or broken cluster does: a validating admission
 * webhook (failure policy Fail) that answers a share of that user's creates, updates, patches and deletes in one
 * namespace with 500, 503 or 429 (updates and deletes also 409 Conflict; a create answered 409 would claim the object
 * exists), which the API server returns as its own answer. A CEL match condition sends it only that user's requests.
 * Seeded, as {@link FaultInjectingDispatcher}; reads and watches are the API server's own (an admission webhook never
 * sees them).
 */
final class FaultyAdmissionWebhook implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient admin;
  private final HttpsServer server;
  private final ValidatingWebhookConfiguration configuration;
  private final double rate;
  private final Random random;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

  /**
   * @param rate share of the user's writes (0..1) refused
   * @param folder where the webhook's serving certificate is kept
   */
  FaultyAdmissionWebhook(
      KubernetesClient admin, String namespace, String user, double rate, long seed, Path folder) {
    this.admin = admin;
    this.rate = rate;
    this.random = new Random(seed);
    try {
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(LoopbackCertificate.sslContext(folder)));
    server.createContext("/admit", this::admit);
    server.start();
    configuration =
        admin
            .resource(
                configuration(
                    namespace,
                    user,
                    "https://127.0.0.1:" + server.getAddress().getPort() + "/admit",
                    LoopbackCertificate.pem(folder)))
            .create();
  }

  private static ValidatingWebhookConfiguration configuration(
      String namespace, String user, String url, String certificate) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("faults-" + namespace)
        .endMetadata()
        .addNewWebhook()
        .withName("faults.tito.dev")
        .withAdmissionReviewVersions("v1")
        .withSideEffects("None")
        .withFailurePolicy("Fail")
        .withTimeoutSeconds(5)
        .withNewClientConfig()
        .withUrl(url)
        .withCaBundle(
            Base64.getEncoder().encodeToString(certificate.getBytes(StandardCharsets.US_ASCII)))
        .endClientConfig()
        .withNewNamespaceSelector()
        .addToMatchLabels("kubernetes.io/metadata.name", namespace)
        .endNamespaceSelector()
        .addNewRule()
        .withApiGroups("*")
        .withApiVersions("*")
        .withResources("*/*")
        .withOperations("CREATE", "UPDATE", "DELETE")
        .withScope("Namespaced")
        .endRule()
        .addNewMatchCondition()
        .withName("the-faulty-user")
        .withExpression("request.userInfo.username == '" + user + "'")
        .endMatchCondition()
        .endWebhook()
        .build();
  }

  /** Faults injected so far by code ("500", "503", "429", "409"). */
  Map<String, Long> injected() {
    Map<String, Long> counts = new TreeMap<>();
    injected.forEach((code, count) -> counts.put(code, count.get()));
    return counts;
  }

  /** The user's writes the webhook was asked about. */
  long requests() {
    return requests.get();
  }

  private void admit(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody()).path("request");
    requests.incrementAndGet();
    ObjectNode response = JSON.createObjectNode().put("uid", request.path("uid").asText());
    int code = fault(!"CREATE".equals(request.path("operation").asText()));
    if (code == 0) {
      response.put("allowed", true);
    } else {
      injected.computeIfAbsent(Integer.toString(code), c -> new AtomicLong()).incrementAndGet();
      response
          .put("allowed", false)
          .putObject("status")
          .put("code", code)
          .put("message", "injected fault " + code);
    }
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview")
            .set("response", response);
    byte[] body = JSON.writeValueAsBytes(review);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The code to refuse with, or 0 to admit; the server's threads share one seeded sequence. */
  private synchronized int fault(boolean conflictable) {
    if (random.nextDouble() >= rate) {
      return 0;
    }
    return switch (random.nextInt(conflictable ? 4 : 3)) {
      case 0 -> 500;
      case 1 -> 503;
      case 2 -> 429;
      default -> 409;
    };
  }

  /** Removes the webhook (the API server admits everything again) and stops serving. */
  @Override
  public void close() {
    admin.resource(configuration).delete();
    server.stop(0);
  }
}
