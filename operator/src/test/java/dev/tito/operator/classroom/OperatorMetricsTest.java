package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest extends OperatorOnMockServer {

  @Test
  void metricsCountStudentsByStateAndReconcilesPerController() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "metrics", "ada", "grace"));
    markReady(Eventually.until("ada's server", () -> serverOf(classroom, "ada"), s -> true));
    statusWhere(classroom, "ada ready", c -> c.getStatus().ready == 1);

    String ready =
        "tito_classroom_students{classroom=\"metrics\",classroom_namespace=\""
            + ns
            + "\",state=\"ready\"} 1.0";

    // the gauges read the operator's cache, which sees the status write a moment after the API
    // server
    String metrics =
        Eventually.until(
            "ada counted ready", () -> get("/metrics").body(), body -> body.contains(ready));

    assertThat(metrics)
        .contains(
            "tito_classroom_students{classroom=\"metrics\",classroom_namespace=\""
                + ns
                + "\",state=\"pending\"} 1.0")
        .contains(
            "tito_classroom_students{classroom=\"metrics\",classroom_namespace=\""
                + ns
                + "\",state=\"failed\"} 0.0")
        .containsPattern("operator_sdk_reconciliations_started_total\\{[^}]*kind=\"Classroom\"")
        .contains("operator_sdk_controllers_execution_reconcile_seconds_count")
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_threads_live_threads")
        .contains("process_cpu_usage");
  }

  @Test
  void everyMetricTheChartsDashboardQueriesIsExposed() throws IOException {
    Classroom classroom = create(classroom(newNamespace(), "dashboard", "ada"));
    statusWhere(classroom, "status", c -> c.getStatus().total == 1);
    String dashboard =
        Files.readString(Path.of("../helm/tito-operator/dashboards/tito-operator.json"));
    Set<String> queried = new TreeSet<>();
    Matcher metric = Pattern.compile("\\b([a-z_]+)\\{").matcher(dashboard);
    while (metric.find()) {
      queried.add(metric.group(1));
    }
    // JOSDK registers the failure counter at the first failed reconcile
    queried.remove("operator_sdk_reconciliations_failed_total");
    // registered at a class's first submission and first grading outcome: GradingFlowTest checks
    // them
    queried.remove("tito_grading_queue_depth");
    queried.remove("tito_grading_outcomes_total");

    String metrics =
        Eventually.until(
            "the classroom's gauges",
            () -> get("/metrics").body(),
            body -> body.contains("classroom=\"dashboard\""));

    assertThat(queried)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(metrics).containsPattern("\n" + name + "[{ ]"));
  }

  @Test
  void deletedClassroomLeavesTheMetrics() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "gone", "ada"));
    statusWhere(classroom, "status", c -> c.getStatus().total == 1);
    Eventually.until(
        "series present",
        () -> get("/metrics").body(),
        body -> body.contains("classroom=\"gone\",classroom_namespace=\"" + ns + "\""));

    client.resource(classroom).delete();

    Eventually.until(
        "series removed",
        () -> get("/metrics").body(),
        body -> !body.contains("classroom=\"gone\",classroom_namespace=\"" + ns + "\""));
  }

  @Test
  void probesAnswerOkOnceStarted() {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    Eventually.until("ready", () -> get("/readyz").statusCode(), code -> code == 200);
  }

  private static HttpResponse<String> get(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort() + path)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
