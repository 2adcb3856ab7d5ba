package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.chart.ChartPermissions;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The real operator in this JVM, on the mock server of {@link CoursesOnMockServer}. */
abstract class GradingOnMockServer extends CoursesOnMockServer {
  private static final String OPERATOR_AGENT = "tito-operator-under-test";
  static TitoOperator operator;
  private static KubernetesClient operatorClient;

  @BeforeAll
  static void startInProcessOperator() {
    // the operator's own client: its requests, told apart by their agent, are checked against the chart's RBAC
    operatorClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withUserAgent(OPERATOR_AGENT).build()).build();
    operator = startOperator();
  }

  static TitoOperator startOperator() {
    TitoOperator started = new TitoOperator(operatorClient,
        OperatorConfig.local(Duration.ofMinutes(1)).withGradingRetryBackoff(Duration.ofMillis(100)),
        (uri, token) -> Optional.empty(), Clock.systemUTC());
    started.start();
    return started;
  }

  @AfterAll
  static void stopAndCheckRbac() throws InterruptedException {
    operator.close();
    operatorClient.close();
    List<Map.Entry<String, String>> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      if (OPERATOR_AGENT.equals(request.getHeader("User-Agent"))) {
        requests.add(Map.entry(request.getMethod(), request.getPath()));
      }
    }
    assertThat(requests).isNotEmpty();
    assertThat(ChartPermissions.forbidden(requests)).as("operator requests the chart's RBAC would forbid").isEmpty();
  }
}
