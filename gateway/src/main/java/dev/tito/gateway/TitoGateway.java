package dev.tito.gateway;

import dev.tito.gateway.classes.ActivityLog;
import dev.tito.gateway.classes.KubernetesClasses;
import dev.tito.gateway.classes.RevokedSessions;
import dev.tito.gateway.classes.ServerRef;
import dev.tito.gateway.oidc.OidcLogin;
import dev.tito.gateway.web.GatewayServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's entry point: settings from the environment, the classes from the API server, then the HTTP edge. */
public final class TitoGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TitoGateway.class);

  private final Vertx vertx = Vertx.vertx();
  private final KubernetesClasses classes;
  private final RevokedSessions signedOut;
  private final GatewayServer server;

  /**
   * @param upstreams where each student's server is reached: its Service's DNS name in a cluster
   * @param activity told of every request that reaches a server
   */
  public TitoGateway(
      KubernetesClient client,
      GatewayConfig config,
      Function<ServerRef, SocketAddress> upstreams,
      Consumer<ServerRef> activity,
      Clock clock) {
    this.classes = new KubernetesClasses(client, config.namespaces(), clock);
    OidcLogin oidc =
        new OidcLogin(
            config.issuer(),
            config.clientId(),
            config.clientSecret(),
            config.callback(),
            config.scopes(),
            config.claim());
    this.signedOut =
        new RevokedSessions(client, config.signedOutNamespace(), config.signedOutName(), clock);
    this.server =
        new GatewayServer(vertx, config, oidc, classes, signedOut, upstreams, activity, clock);
    signedOut.start();
    classes.start();
    classes.refresh();
    vertx.setPeriodic(
        config.rosterRefresh().toMillis(),
        id ->
            vertx
                .executeBlocking(classes::refresh, false)
                .onFailure(e -> LOG.warn("cannot read the classes again: {}", e.getMessage())));
  }

  /** Runs work off the event loop every interval (e.g. writing the activity log). */
  public void every(java.time.Duration interval, Runnable work) {
    vertx.setPeriodic(
        interval.toMillis(),
        id ->
            vertx.executeBlocking(
                () -> {
                  work.run();
                  return null;
                },
                false));
  }

  /** Listens; returns the port (the configured one, or the one picked for 0). */
  public int start() throws Exception {
    return server
        .listen()
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS)
        .actualPort();
  }

  /** The classes as the gateway sees them. */
  public KubernetesClasses classes() {
    return classes;
  }

  /** A student's server in a cluster: its headless Service's name, resolved to the pod by cluster DNS. */
  public static SocketAddress clusterAddress(ServerRef server) {
    return SocketAddress.inetSocketAddress(
        server.port(), server.name() + "." + server.namespace() + ".svc");
  }

  @Override
  public void close() {
    classes.close();
    signedOut.close();
    vertx.close();
  }

  public static void main(String[] args) {
    GatewayConfig config;
    try {
      config = GatewayConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("tito-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    try {
      ActivityLog activity = new ActivityLog(client, Clock.systemUTC());
      TitoGateway gateway =
          new TitoGateway(
              client, config, TitoGateway::clusterAddress, activity::record, Clock.systemUTC());
      gateway.every(config.activityFlush(), activity::flush);
      int port = gateway.start();
      LOG.info(
          "tito-gateway serves {} on port {} for {}",
          config.origin(),
          port,
          config.namespaces().isEmpty()
              ? "every namespace"
              : String.join(", ", config.namespaces()));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    gateway.close();
                    client.close();
                  },
                  "tito-gateway-shutdown"));
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      // the client's own message ("An error has occurred.") says less than what it met (no API
      // server, no DNS name)
      LOG.error(
          "tito-gateway cannot start: {}{}", e.getMessage(), root == e ? "" : " (" + root + ")");
      client.close();
      System.exit(1);
    }
  }
}
