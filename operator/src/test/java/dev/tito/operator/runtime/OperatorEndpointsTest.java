package dev.tito.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorEndpointsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void probesAnswer200WhenTheCheckHoldsAnd503Otherwise() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (OperatorEndpoints endpoints =
        new OperatorEndpoints(0, () -> true, ready::get, registry, () -> {})) {
      endpoints.start();

      assertThat(get(endpoints, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(endpoints, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(endpoints, "/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void metricsArePrometheusTextRefreshedAtEachScrape() throws Exception {
    AtomicInteger scrapes = new AtomicInteger();
    registry.counter("tito.test.events").increment(3);
    try (OperatorEndpoints endpoints =
        new OperatorEndpoints(0, () -> true, () -> true, registry, scrapes::incrementAndGet)) {
      endpoints.start();

      HttpResponse<String> metrics = get(endpoints, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains("# TYPE tito_test_events_total counter")
          .contains("tito_test_events_total 3.0");
      assertThat(scrapes).hasValue(1);
    }
  }

  @Test
  void unknownPathIs404() throws Exception {
    try (OperatorEndpoints endpoints =
        new OperatorEndpoints(0, () -> true, () -> true, registry, () -> {})) {
      endpoints.start();

      assertThat(get(endpoints, "/").statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> get(OperatorEndpoints endpoints, String path)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + endpoints.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
