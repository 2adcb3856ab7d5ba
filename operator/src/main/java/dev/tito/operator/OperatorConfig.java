package dev.tito.operator;

import dev.tito.operator.classroom.PlaceholderPriorityClass;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator-wide settings, read from the environment the Helm chart sets.
 *
 * @param watchNamespaces namespaces whose Classrooms are reconciled; empty means all namespaces
 * @param leaseName leader-election Lease name; null runs without leader election (tests, one replica)
 * @param leaseNamespace namespace of the Lease; the operator's own namespace in a cluster
 * @param activityPollInterval how often running servers are asked for their last kernel activity
 * @param writeConcurrency API writes in flight at once while provisioning a class
 * @param studentPriorityClass PriorityClass of student server pods; null leaves the cluster's default
 * @param httpPort port of /healthz, /readyz and /metrics; 0 picks a free one (tests)
 * @param jobImage image of the delivery and grading Jobs' {@code tito job} steps: the operator's own image
 * @param deliveryConcurrency delivery Jobs of one Assignment in flight at once
 * @param gradingPriorityClass PriorityClass of grading pods; null leaves the cluster's default
 * @param gradingRetryBackoff wait before the second grading attempt after an infrastructure failure; doubles each time
 * @param placeholderPriorityClass PriorityClass of capacity placeholder pods; blank: {@link PlaceholderPriorityClass#NAME}
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    String leaseName,
    String leaseNamespace,
    Duration activityPollInterval,
    int writeConcurrency,
    String studentPriorityClass,
    int httpPort,
    String jobImage,
    int deliveryConcurrency,
    String gradingPriorityClass,
    Duration gradingRetryBackoff,
    String placeholderPriorityClass) {

  public static final String WATCH_NAMESPACES = "TITO_WATCH_NAMESPACES";
  public static final String LEASE_NAME = "TITO_LEADER_ELECTION_LEASE";
  public static final String LEASE_NAMESPACE = "TITO_LEADER_ELECTION_NAMESPACE";
  public static final String ACTIVITY_POLL_SECONDS = "TITO_ACTIVITY_POLL_SECONDS";
  public static final String WRITE_CONCURRENCY = "TITO_WRITE_CONCURRENCY";
  public static final String STUDENT_PRIORITY_CLASS = "TITO_STUDENT_PRIORITY_CLASS";
  public static final String HTTP_PORT = "TITO_HTTP_PORT";
  public static final String JOB_IMAGE = "TITO_JOB_IMAGE";

  /** The image {@link #local} Jobs name: the demo runs their steps as local processes instead. */
  public static final String LOCAL_JOB_IMAGE = "tito-operator:local";

  public static final String DELIVERY_CONCURRENCY = "TITO_DELIVERY_CONCURRENCY";
  public static final String GRADING_PRIORITY_CLASS = "TITO_GRADING_PRIORITY_CLASS";
  public static final String GRADING_RETRY_SECONDS = "TITO_GRADING_RETRY_SECONDS";
  public static final String PLACEHOLDER_PRIORITY_CLASS = "TITO_PLACEHOLDER_PRIORITY_CLASS";

  public OperatorConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException(
          WRITE_CONCURRENCY + " must be at least 1, got " + writeConcurrency);
    }
    studentPriorityClass = blankToNull(studentPriorityClass);
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException(
          HTTP_PORT + " must be a port number (0-65535), got " + httpPort);
    }
    jobImage = blankToNull(jobImage);
    if (jobImage == null) {
      throw new IllegalArgumentException(
          JOB_IMAGE
              + " must name the image of the delivery and grading Jobs' steps "
              + "(the chart sets it to the operator's own image)");
    }
    if (deliveryConcurrency < 1) {
      throw new IllegalArgumentException(
          DELIVERY_CONCURRENCY + " must be at least 1, got " + deliveryConcurrency);
    }
    gradingPriorityClass = blankToNull(gradingPriorityClass);
    if (gradingRetryBackoff == null
        || gradingRetryBackoff.isNegative()
        || gradingRetryBackoff.isZero()) {
      throw new IllegalArgumentException(
          GRADING_RETRY_SECONDS + " must be positive, got " + gradingRetryBackoff);
    }
    // the chart names one per release; without the chart the operator creates this default when
    // missing
    placeholderPriorityClass =
        Objects.requireNonNullElse(
            blankToNull(placeholderPriorityClass), PlaceholderPriorityClass.NAME);
  }

  /** The same settings with another first retry backoff (tests wait milliseconds, not seconds). */
  public OperatorConfig withGradingRetryBackoff(Duration backoff) {
    return new OperatorConfig(
        watchNamespaces,
        leaseName,
        leaseNamespace,
        activityPollInterval,
        writeConcurrency,
        studentPriorityClass,
        httpPort,
        jobImage,
        deliveryConcurrency,
        gradingPriorityClass,
        backoff,
        placeholderPriorityClass);
  }

  /** The same settings watching only these namespaces. */
  public OperatorConfig watching(Set<String> namespaces) {
    return new OperatorConfig(
        namespaces,
        leaseName,
        leaseNamespace,
        activityPollInterval,
        writeConcurrency,
        studentPriorityClass,
        httpPort,
        jobImage,
        deliveryConcurrency,
        gradingPriorityClass,
        gradingRetryBackoff,
        placeholderPriorityClass);
  }

  /** Settings for tests and the embedded demo: all namespaces, no leader election, Jobs naming a local image. */
  public static OperatorConfig local(Duration activityPollInterval) {
    return new OperatorConfig(
        Set.of(),
        null,
        null,
        activityPollInterval,
        8,
        null,
        0,
        LOCAL_JOB_IMAGE,
        100,
        null,
        Duration.ofSeconds(10),
        null);
  }

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    Set<String> namespaces =
        Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    String leaseName = blankToNull(env.getOrDefault(LEASE_NAME, "tito-operator-leader"));
    return new OperatorConfig(
        namespaces,
        leaseName,
        blankToNull(env.get(LEASE_NAMESPACE)),
        Duration.ofSeconds(positiveInt(env, ACTIVITY_POLL_SECONDS, 60)),
        positiveInt(env, WRITE_CONCURRENCY, 16),
        env.get(STUDENT_PRIORITY_CLASS),
        positiveInt(env, HTTP_PORT, 8080),
        env.get(JOB_IMAGE),
        positiveInt(env, DELIVERY_CONCURRENCY, 100),
        env.get(GRADING_PRIORITY_CLASS),
        Duration.ofSeconds(positiveInt(env, GRADING_RETRY_SECONDS, 10)),
        env.get(PLACEHOLDER_PRIORITY_CLASS));
  }

  public boolean leaderElection() {
    return leaseName != null;
  }

  private static int positiveInt(Map<String, String> env, String key, int fallback) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(
        key + " must be a positive whole number, got '" + value + "'");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
