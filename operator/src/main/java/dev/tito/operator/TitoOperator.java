package dev.tito.operator;

import dev.tito.operator.assignment.AssignmentReconciler;
import dev.tito.operator.classroom.ClassroomReconciler;
import dev.tito.operator.cluster.ChildWriter;
import dev.tito.operator.culling.ActivityWatch;
import dev.tito.operator.culling.GatewayActivity;
import dev.tito.operator.culling.JupyterServerActivity;
import dev.tito.operator.culling.ServerActivity;
import dev.tito.operator.grading.GradingSettings;
import dev.tito.operator.grading.SubmissionReconciler;
import dev.tito.operator.results.StudentResultsReconciler;
import dev.tito.operator.runtime.GracefulShutdown;
import dev.tito.operator.runtime.LeaseRelease;
import dev.tito.operator.runtime.LogSettings;
import dev.tito.operator.runtime.OperatorEndpoints;
import dev.tito.operator.runtime.OperatorMetrics;
import dev.tito.operator.runtime.Readiness;
import dev.tito.operator.runtime.StudentStateGauges;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The tito operator: reconciles Classrooms in the configured namespaces, one active replica at a time. */
public final class TitoOperator implements AutoCloseable {
  /** How long a stop waits for the reconciles under way. */
  private static final Duration RECONCILES_FINISH_WITHIN = Duration.ofSeconds(10);

  private final Operator operator;
  private final ActivityWatch activity;
  private final ExecutorService writes;
  private final PrometheusMeterRegistry metrics = OperatorMetrics.registry();
  private final OperatorEndpoints endpoints;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final KubernetesClient client;
  private final OperatorConfig config;
  private final String leaseIdentity = leaseIdentity();
  private volatile boolean leading;

  public TitoOperator(
      KubernetesClient client, OperatorConfig config, ServerActivity serverActivity, Clock clock) {
    this.client = client;
    this.config = config;
    this.leading = !config.leaderElection();
    this.activity = new ActivityWatch(serverActivity, new GatewayActivity(client)::lastSeen, clock);
    this.writes = writePool(config.writeConcurrency());
    this.operator = new Operator(this::configure);
    ClassroomReconciler classrooms = registerControllers(clock);
    StudentStateGauges students = new StudentStateGauges(metrics);
    students.readFrom(classrooms::cachedClassrooms);
    this.endpoints =
        new OperatorEndpoints(
            config.httpPort(), () -> true, this::ready, metrics, students::refresh);
  }

  /** The shared pool every child write runs on, bounded by TITO_WRITE_CONCURRENCY. */
  private static ExecutorService writePool(int concurrency) {
    return Executors.newFixedThreadPool(
        concurrency,
        runnable -> {
          Thread thread = new Thread(runnable, "tito-writes");
          thread.setDaemon(true);
          return thread;
        });
  }

  private void configure(ConfigurationServiceOverrider o) {
    o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withMetrics(OperatorMetrics.reconciles(metrics))
        // one field manager writing create/update/merge patches: identical on a real cluster and
        // the
        // mock server
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        // a failed first list (an API server under load) is retried by the informer, not turned
        // into
        // a crash loop
        .withStopOnInformerErrorDuringStartup(false)
        // a stop (SIGTERM) lets reconciles under way finish their writes, well within the pod's 30
        // s
        // grace period: interrupted, each would fail and try to show its own failure as an error
        .withReconciliationTerminationTimeout(RECONCILES_FINISH_WITHIN);
    if (config.leaderElection()) {
      o.withLeaderElectionConfiguration(leaderElection());
    }
  }

  private LeaderElectionConfiguration leaderElection() {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
        .withLeaseNamespace(config.leaseNamespace())
        .withIdentity(leaseIdentity)
        // JOSDK's own exit would run inside the shutdown and block it; a lost lease outside a
        // shutdown still exits
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(
            new LeaderCallbacks(() -> leading = true, this::stoppedLeading, identity -> {}))
        .build();
  }

  /** The four controllers, on the watched namespaces; returns the Classroom one the gauges read. */
  private ClassroomReconciler registerControllers(Clock clock) {
    ChildWriter childWriter = new ChildWriter(client, writes, config.writeConcurrency());
    ClassroomReconciler classrooms =
        new ClassroomReconciler(
            client,
            childWriter,
            activity,
            config.activityPollInterval(),
            config.studentPriorityClass(),
            config.placeholderPriorityClass(),
            clock);
    operator.register(
        new AssignmentReconciler(client, clock, config.jobImage(), config.deliveryConcurrency()),
        c -> watchNamespaces(c, config));
    operator.register(classrooms, c -> watchNamespaces(c, config));
    operator.register(
        new StudentResultsReconciler(client, childWriter), c -> watchNamespaces(c, config));
    operator.register(
        new SubmissionReconciler(
            client,
            new GradingSettings(
                config.jobImage(), config.gradingPriorityClass(), config.gradingRetryBackoff()),
            metrics,
            clock),
        c -> watchNamespaces(c, config));
    return classrooms;
  }

  /** Every reconciler watches the same namespaces: all of them, or the configured list. */
  private static void watchNamespaces(
      ControllerConfigurationOverrider<?> controller, OperatorConfig config) {
    if (config.watchNamespaces().isEmpty()) {
      controller.watchingAllNamespaces();
    } else {
      controller.settingNamespaces(config.watchNamespaces());
    }
  }

  public void start() {
    endpoints.start();
    operator.start();
  }

  private boolean ready() {
    var runtime = operator.getRuntimeInfo();
    return Readiness.ready(runtime.isStarted(), leading, runtime::allEventSourcesAreHealthy);
  }

  /** Port of /healthz, /readyz and /metrics. */
  public int httpPort() {
    return endpoints.port();
  }

  private void stoppedLeading() {
    leading = false;
    if (!closing.get()) {
      System.err.println(
          "tito-operator: lost the leader lease; exiting so a fresh replica can stand by");
      System.exit(1);
    }
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    operator.stop();
    if (config.leaderElection()) {
      LeaseRelease.release(
          client,
          config.leaseNamespace() != null ? config.leaseNamespace() : client.getNamespace(),
          config.leaseName(),
          leaseIdentity);
    }
    activity.close();
    writes.shutdownNow();
    endpoints.close();
    metrics.close();
  }

  /** The pod's name, as JOSDK would pick it; any unique name outside a pod. */
  private static String leaseIdentity() {
    String hostname = System.getenv("HOSTNAME");
    return hostname == null || hostname.isBlank()
        ? "tito-operator-" + java.util.UUID.randomUUID()
        : hostname;
  }

  public static void main(String[] args) {
    // first: a pod stopped while this JVM still builds the operator exits 0 too (nothing to close)
    AtomicReference<TitoOperator> built = new AtomicReference<>();
    GracefulShutdown.onTerminate(
        () -> {
          TitoOperator operator = built.get();
          if (operator != null) {
            operator.close();
          }
        });
    OperatorConfig config;
    try {
      LogSettings.check(System.getenv());
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("tito-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    TitoOperator titoOperator;
    try {
      titoOperator =
          new TitoOperator(client, config, new JupyterServerActivity(), Clock.systemUTC());
    } catch (java.io.UncheckedIOException e) {
      System.err.println("tito-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    built.set(titoOperator);
    titoOperator.start();
  }
}
