package dev.tito.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchAllNamespacesWithLeaderElection() {
    OperatorConfig config = fromEnvironment(Map.of());

    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseName()).isEqualTo("tito-operator-leader");
    assertThat(config.activityPollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.studentPriorityClass()).isNull();
    assertThat(config.httpPort()).isEqualTo(8080);
  }

  @Test
  void readsThePriorityClassAndHttpPort() {
    OperatorConfig config =
        fromEnvironment(
            Map.of(
                OperatorConfig.STUDENT_PRIORITY_CLASS,
                " tito-student-server ",
                OperatorConfig.HTTP_PORT,
                "9090"));

    assertThat(config.studentPriorityClass()).isEqualTo("tito-student-server");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(
            fromEnvironment(Map.of(OperatorConfig.STUDENT_PRIORITY_CLASS, ""))
                .studentPriorityClass())
        .as("empty means none")
        .isNull();
  }

  @Test
  void placeholdersRunAtTheNamedPriorityClassOrTheOneTheOperatorCreatesWithoutTheChart() {
    assertThat(
            fromEnvironment(
                    Map.of(
                        OperatorConfig.PLACEHOLDER_PRIORITY_CLASS,
                        " tito-system.tito-capacity-placeholder "))
                .placeholderPriorityClass())
        .isEqualTo("tito-system.tito-capacity-placeholder");
    assertThat(fromEnvironment(Map.of()).placeholderPriorityClass())
        .isEqualTo("tito-capacity-placeholder");
  }

  @Test
  void readsTheJobImageAndTheDeliveryConcurrency() {
    OperatorConfig config =
        fromEnvironment(
            Map.of(
                OperatorConfig.JOB_IMAGE,
                " ghcr.io/tito-dev/tito-operator@sha256:abc ",
                OperatorConfig.DELIVERY_CONCURRENCY,
                "25"));

    assertThat(config.jobImage()).isEqualTo("ghcr.io/tito-dev/tito-operator@sha256:abc");
    assertThat(config.deliveryConcurrency()).isEqualTo(25);
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of()))
        .as("unset: no Job could be created")
        .hasMessageStartingWith("TITO_JOB_IMAGE must name the image");
    assertThat(fromEnvironment(Map.of()).deliveryConcurrency()).isEqualTo(100);
    assertThatThrownBy(() -> fromEnvironment(Map.of(OperatorConfig.DELIVERY_CONCURRENCY, "0")))
        .hasMessage("TITO_DELIVERY_CONCURRENCY must be a positive whole number, got '0'");
  }

  @Test
  void portOutOfRangeNamesTheVariable() {
    assertThatThrownBy(() -> fromEnvironment(Map.of(OperatorConfig.HTTP_PORT, "70000")))
        .hasMessage("TITO_HTTP_PORT must be a port number (0-65535), got 70000");
  }

  @Test
  void readsNamespacesLeaseAndIntervalsFromTheEnvironment() {
    OperatorConfig config =
        fromEnvironment(
            Map.of(
                OperatorConfig.WATCH_NAMESPACES, " ml101, bio ,,",
                OperatorConfig.LEASE_NAMESPACE, "tito-system",
                OperatorConfig.ACTIVITY_POLL_SECONDS, "30",
                OperatorConfig.WRITE_CONCURRENCY, "4"));

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("ml101", "bio");
    assertThat(config.leaseNamespace()).isEqualTo("tito-system");
    assertThat(config.activityPollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.writeConcurrency()).isEqualTo(4);
  }

  @Test
  void readsTheGradingJobsImagePriorityClassAndRetryBackoff() {
    OperatorConfig config =
        fromEnvironment(
            Map.of(
                OperatorConfig.JOB_IMAGE, "ghcr.io/tito-dev/tito-operator:1.0",
                OperatorConfig.GRADING_PRIORITY_CLASS, "tito-grading",
                OperatorConfig.GRADING_RETRY_SECONDS, "20"));

    assertThat(config.jobImage()).isEqualTo("ghcr.io/tito-dev/tito-operator:1.0");
    assertThat(config.gradingPriorityClass()).isEqualTo("tito-grading");
    assertThat(config.gradingRetryBackoff()).isEqualTo(Duration.ofSeconds(20));
    assertThat(fromEnvironment(Map.of()).gradingRetryBackoff())
        .as("the contract's default")
        .isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> fromEnvironment(Map.of(OperatorConfig.JOB_IMAGE, " ")))
        .hasMessageContaining("TITO_JOB_IMAGE");
    assertThatThrownBy(() -> fromEnvironment(Map.of(OperatorConfig.GRADING_RETRY_SECONDS, "0")))
        .hasMessageContaining("TITO_GRADING_RETRY_SECONDS");
  }

  @Test
  void emptyLeaseNameTurnsLeaderElectionOff() {
    assertThat(fromEnvironment(Map.of(OperatorConfig.LEASE_NAME, "")).leaderElection()).isFalse();
  }

  @Test
  void badNumberNamesTheVariable() {
    assertThatThrownBy(() -> fromEnvironment(Map.of(OperatorConfig.ACTIVITY_POLL_SECONDS, "soon")))
        .hasMessage("TITO_ACTIVITY_POLL_SECONDS must be a positive whole number, got 'soon'");
  }

  /** The chart always sets the Jobs' image; each test names only what it is about. */
  private static OperatorConfig fromEnvironment(Map<String, String> env) {
    Map<String, String> withImage = new java.util.HashMap<>(env);
    withImage.putIfAbsent(OperatorConfig.JOB_IMAGE, "ghcr.io/tito-dev/tito-operator:0.1.0");
    return OperatorConfig.fromEnvironment(withImage);
  }
}
