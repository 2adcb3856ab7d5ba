package dev.tito.controlplane;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The kubelet's part for a real control plane without a container runtime: a Ready node at 127.0.0.1 that binds the
 * pods a test hands it (there is no scheduler), writes their ends as the kubelet would (phase, container states,
 * exit codes, reasons) and serves their containers' logs over HTTPS, where the API server's {@code pods/log} reads
 * them. The real Job, StatefulSet and garbage-collector controllers do the rest.
 */
public final class TestKubelet implements AutoCloseable {
  /** How a pod ends, and what each container logged. */
  public record Outcome(String phase, List<ContainerStatus> initContainers, List<ContainerStatus> containers,
      Map<String, String> logs) {}

  private final KubernetesClient admin;
  private final String nodeName;
  private final HttpsServer server;
  private final Map<String, Map<String, String>> logs = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "test-kubelet");
    thread.setDaemon(true);
    return thread;
  });
  private final SharedIndexInformer<Pod> pods;

  /**
   * @param outcomes a pod's end, or null to leave it pending (not this kubelet's)
   */
  public TestKubelet(KubernetesClient admin, String namespace, String nodeName, Path folder, Function<Pod, Outcome> outcomes) {
    this.admin = admin;
    this.nodeName = nodeName;
    this.server = serveLogs(folder);
    registerNode();
    this.pods = admin.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        work.submit(() -> run(pod, outcomes));
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        work.submit(() -> run(pod, outcomes));
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
        logs.remove(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
      }
    });
  }

  private void run(Pod pod, Function<Pod, Outcome> outcomes) {
    if (pod.getMetadata().getDeletionTimestamp() != null || !handled.add(pod.getMetadata().getUid())) {
      return;
    }
    Outcome outcome = outcomes.apply(pod);
    if (outcome == null) {
      handled.remove(pod.getMetadata().getUid());
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    try {
      admin.bindings().inNamespace(namespace).resource(new BindingBuilder().withNewMetadata().withName(name)
          .endMetadata().withNewTarget().withKind("Node").withName(nodeName).endTarget().build()).create();
      logs.put(key(namespace, name), outcome.logs());
      String now = Instant.now().toString();
      admin.pods().inNamespace(namespace).withName(name).editStatus(p -> {
        p.setStatus(new PodStatusBuilder().withPhase(outcome.phase()).withHostIP("127.0.0.1").withPodIP("127.0.0.2")
            .withStartTime(now)
            .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build())
            .withInitContainerStatuses(outcome.initContainers()).withContainerStatuses(outcome.containers()).build());
        return p;
      });
    } catch (KubernetesClientException e) {
      // deleted meanwhile (a Job removed by its owner): a real kubelet would stop too
    }
  }

  private void registerNode() {
    admin.resource(new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata().build()).create();
    // the controllers annotate a new node at once: a status write may meet a newer version, and is sent again
    for (int attempt = 1; ; attempt++) {
      try {
        writeNodeStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void writeNodeStatus() {
    admin.nodes().withName(nodeName).editStatus(node -> {
      node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
          .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
          .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
          .withLastHeartbeatTime(Instant.now().toString()).withLastTransitionTime(Instant.now().toString()).endCondition()
          .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(server.getAddress().getPort()).endKubeletEndpoint()
          .endDaemonEndpoints().build());
      return node;
    });
  }

  /** GET /containerLogs/{namespace}/{pod}/{container}, as the kubelet's API answers the API server. */
  private HttpsServer serveLogs(Path folder) {
    try {
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext(folder)));
      https.createContext("/containerLogs/", exchange -> {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        Map<String, String> podLogs = parts.length == 5 ? logs.get(key(parts[2], parts[3])) : null;
        String log = podLogs == null ? null : podLogs.get(parts[4]);
        byte[] body = (log == null ? "no such container" : log).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(log == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      https.start();
      return https;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the test kubelet's API", e);
    }
  }

  /** A self-signed serving certificate made by the JDK's keytool (the API server does not verify kubelets here). */
  private static SSLContext sslContext(Path folder) {
    Path keystore = folder.resolve("kubelet.p12");
    char[] password = "kubelet".toCharArray();
    try {
      Files.createDirectories(folder);
      if (!Files.exists(keystore)) {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "kubelet", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
            "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", "kubelet", "-keypass", "kubelet")
            .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password);
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the test kubelet's certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making the test kubelet's certificate", e);
    }
  }

  /** A container that ran to its end. */
  public static ContainerStatus terminated(String name, int exitCode, String reason) {
    String now = Instant.now().toString();
    return new ContainerStatusBuilder().withName(name).withImage("test").withImageID("test").withReady(false)
        .withRestartCount(0).withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason)
        .withStartedAt(now).withFinishedAt(now).endTerminated().endState().build();
  }

  /** A container that has not started (its pod's init containers have not finished). */
  public static ContainerStatus waiting(String name, String reason) {
    return new ContainerStatusBuilder().withName(name).withImage("test").withImageID("").withReady(false)
        .withRestartCount(0).withNewState().withNewWaiting().withReason(reason).endWaiting().endState().build();
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  @Override
  public void close() {
    pods.close();
    work.shutdownNow();
    server.stop(0);
    admin.nodes().withName(nodeName).delete();
  }
}
