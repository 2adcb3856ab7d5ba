package dev.tito.operator;

import dev.tito.operator.classroom.ChildWriter;
import dev.tito.operator.classroom.ClassroomReconciler;
import dev.tito.operator.culling.ActivityWatch;
import dev.tito.operator.culling.JupyterServerActivity;
import dev.tito.operator.culling.ServerActivity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The tito operator: reconciles Classrooms in the configured namespaces, one active replica at a time. */
public final class TitoOperator implements AutoCloseable {
  private final Operator operator;
  private final ActivityWatch activity;
  private final ExecutorService writes;

  public TitoOperator(KubernetesClient client, OperatorConfig config, ServerActivity serverActivity, Clock clock) {
    this.activity = new ActivityWatch(serverActivity, clock);
    this.writes = Executors.newFixedThreadPool(config.writeConcurrency(), runnable -> {
      Thread thread = new Thread(runnable, "tito-writes");
      thread.setDaemon(true);
      return thread;
    });
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          // one field manager writing create/update/merge patches: identical on a real cluster and the mock server
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false);
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaseName(), config.leaseNamespace()));
      }
    });
    ClassroomReconciler classrooms = new ClassroomReconciler(client, new ChildWriter(client, writes), activity,
        config.activityPollInterval(), clock);
    operator.register(new dev.tito.operator.assignment.AssignmentReconciler(client, clock), c -> { if (config.watchNamespaces().isEmpty()) { c.watchingAllNamespaces(); } else { c.settingNamespaces(config.watchNamespaces()); } });
    operator.register(classrooms, c -> {
      if (config.watchNamespaces().isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(config.watchNamespaces());
      }
    });
  }

  public void start() {
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
    activity.close();
    writes.shutdownNow();
  }

  public static void main(String[] args) {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("tito-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    TitoOperator titoOperator = new TitoOperator(client, config, new JupyterServerActivity(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(titoOperator::close, "tito-shutdown"));
    titoOperator.start();
  }
}
