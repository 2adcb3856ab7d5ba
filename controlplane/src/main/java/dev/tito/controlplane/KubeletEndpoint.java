package dev.tito.controlplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real control plane needs of a kubelet that is not one: a Ready node at 127.0.0.1 registered under its name,
 * pods bound to it (there is no scheduler) with addresses of its pod network, and the kubelet's HTTPS API answering
 * {@code GET /containerLogs/{namespace}/{pod}/{container}}, where the API server's {@code pods/log} reads a
 * container's log (the node's status names the port). Running the pods is the caller's part.
 */
public final class KubeletEndpoint implements AutoCloseable {
  /** A container's log so far, cut to {@code limitBytes}; null when the container has none here. */
  @FunctionalInterface
  public interface ContainerLogs {
    byte[] read(String namespace, String pod, String container, long limitBytes) throws IOException;
  }

  private static final Pattern LIMIT_BYTES = Pattern.compile("(?:^|&)limitBytes=([^&]*)");

  /** The node's pod network: the Endpoints controllers refuse a pod address in the loopback range. */
  public static final String POD_CIDR = "10.244.0.0/24";

  private static final int POD_ADDRESSES = 253;

  private final KubernetesClient admin;
  private final String nodeName;
  private final HttpsServer server;
  private final AtomicInteger podAddresses = new AtomicInteger();

  private KubeletEndpoint(KubernetesClient admin, String nodeName, HttpsServer server) {
    this.admin = admin;
    this.nodeName = nodeName;
    this.server = server;
  }

  /**
   * Serves {@code logs} over HTTPS and registers the node.
   *
   * @param folder where the serving certificate is kept
   */
  public static KubeletEndpoint register(
      KubernetesClient admin, String nodeName, Path folder, ContainerLogs logs) {
    HttpsServer server = serve(folder, logs);
    KubeletEndpoint endpoint = new KubeletEndpoint(admin, nodeName, server);
    try {
      endpoint.registerNode();
      return endpoint;
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
  }

  public String nodeName() {
    return nodeName;
  }

  /**
   * An address of {@link #POD_CIDR} for a new pod, as a network plugin's IPAM hands one out (10.244.0.2 to .254,
   * then again from the first: a node of one machine never holds 253 pods at once). Nothing routes to it: the
   * containers are this machine's processes.
   */
  public String nextPodIp() {
    return "10.244.0." + (2 + Math.floorMod(podAddresses.getAndIncrement(), POD_ADDRESSES));
  }

  /**
   * Binds the pod to this node, as the scheduler would.
   *
   * @return false when the pod is gone or already bound
   */
  public boolean bind(Pod pod) {
    try {
      admin
          .bindings()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(
              new BindingBuilder()
                  .withNewMetadata()
                  .withName(pod.getMetadata().getName())
                  .withUid(pod.getMetadata().getUid())
                  .endMetadata()
                  .withNewTarget()
                  .withKind("Node")
                  .withName(nodeName)
                  .endTarget()
                  .build())
          .create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private void registerNode() {
    admin
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(nodeName)
                .addToLabels("kubernetes.io/hostname", nodeName)
                .addToLabels("kubernetes.io/os", "linux")
                .endMetadata()
                .withNewSpec()
                .withPodCIDR(POD_CIDR)
                .withPodCIDRs(POD_CIDR)
                .endSpec()
                .build())
        .create();
    retryOnConflict(this::writeNodeStatus);
    // the node lifecycle controller is off (no lease is renewed here): its part, lifting the
    // not-ready taint that
    // admission puts on a new node once it is Ready, is done here, or no DaemonSet would place a
    // pod on it
    retryOnConflict(
        () ->
            admin
                .nodes()
                .withName(nodeName)
                .edit(
                    node -> {
                      node.getSpec().setTaints(List.of());
                      return node;
                    }));
  }

  /** The controllers annotate a new node at once: a write may meet a newer version, and is sent again. */
  private static void retryOnConflict(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void writeNodeStatus() {
    String now = Instant.now().toString();
    admin
        .nodes()
        .withName(nodeName)
        .editStatus(
            node -> {
              node.setStatus(
                  new NodeStatusBuilder()
                      .addNewAddress()
                      .withType("InternalIP")
                      .withAddress("127.0.0.1")
                      .endAddress()
                      .addNewAddress()
                      .withType("Hostname")
                      .withAddress(nodeName)
                      .endAddress()
                      .addNewCondition()
                      .withType("Ready")
                      .withStatus("True")
                      .withReason("KubeletReady")
                      .withLastHeartbeatTime(now)
                      .withLastTransitionTime(now)
                      .endCondition()
                      .withNewDaemonEndpoints()
                      .withNewKubeletEndpoint()
                      .withPort(server.getAddress().getPort())
                      .endKubeletEndpoint()
                      .endDaemonEndpoints()
                      .build());
              return node;
            });
  }

  private static HttpsServer serve(Path folder, ContainerLogs logs) {
    try {
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(LoopbackCertificate.sslContext(folder)));
      https.createContext("/containerLogs/", exchange -> answerLog(exchange, logs));
      https.start();
      return https;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the kubelet's API", e);
    }
  }

  /** {@code /containerLogs/{namespace}/{pod}/{container}?limitBytes=N}, as the kubelet answers the API server. */
  private static void answerLog(HttpExchange exchange, ContainerLogs logs) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/");
    int code = 200;
    byte[] body;
    try {
      long limit = limitBytes(exchange.getRequestURI().getRawQuery());
      byte[] log = parts.length != 5 ? null : logs.read(parts[2], parts[3], parts[4], limit);
      body = log != null ? log : "no such container".getBytes(StandardCharsets.UTF_8);
      code = log != null ? 200 : 404;
    } catch (NumberFormatException e) {
      code = 400;
      body = "limitBytes must be a whole number".getBytes(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      code = 500;
      body = ("reading the log: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The {@code limitBytes} parameter (the only one tito's reads send), or no limit. */
  private static long limitBytes(String query) {
    Matcher limit = LIMIT_BYTES.matcher(query == null ? "" : query);
    return limit.find() ? Long.parseLong(limit.group(1)) : Long.MAX_VALUE;
  }

  /** Stops serving and removes the node. */
  @Override
  public void close() {
    server.stop(0);
    try {
      admin.nodes().withName(nodeName).delete();
    } catch (KubernetesClientException e) {
      // the control plane may be stopping too: the node goes with it
    }
  }
}
