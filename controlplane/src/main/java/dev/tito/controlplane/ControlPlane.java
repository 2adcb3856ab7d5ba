package dev.tito.controlplane;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * etcd, kube-apiserver and kube-controller-manager as local processes, configured as a production control plane
 * is in what tito depends on: RBAC, the admission plugins (ValidatingAdmissionPolicy, PodSecurity,
 * OwnerReferencesPermissionEnforcement, NamespaceLifecycle, ResourceQuota, ServiceAccount), a service-account token
 * issuer, an audit log (Metadata level, JSON) and the built-in controllers (garbage collector, Job, StatefulSet,
 * namespace, service accounts). There is no scheduler and no kubelet: pods stay Pending unless a test plays the kubelet.
 */
public final class ControlPlane implements AutoCloseable {
  /** The administrator's user name (group system:masters). */
  public static final String ADMIN = "tito-admin";

  private static final String API_SERVER = "kube-apiserver";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path folder;
  private final int apiPort;
  private final String adminToken;

  /** The running processes by name, in the order they started. */
  private final Map<String, Process> processes = new LinkedHashMap<>();

  private List<String> apiServerCommand;

  /**
   * @param serviceRange the Services' cluster-IP range (a /24 holds 254 Services)
   * @param auditLogMaxSizeMegabytes the audit log rotates past this size (count across rotated files)
   */
  public record Options(String serviceRange, int auditLogMaxSizeMegabytes) {
    public static Options defaults() {
      return new Options("10.96.0.0/16", 1024);
    }

    public Options withServiceRange(String range) {
      return new Options(range, auditLogMaxSizeMegabytes);
    }
  }

  private ControlPlane(Path folder, int apiPort, String adminToken) {
    this.folder = folder;
    this.apiPort = apiPort;
    this.adminToken = adminToken;
  }

  /** Starts the three processes in folder (their data, certificates and logs) and waits until they serve. */
  public static ControlPlane start(ControlPlaneBinaries binaries, Path folder, Options options) {
    ControlPlane plane =
        new ControlPlane(folder.toAbsolutePath(), freePort(), UUID.randomUUID().toString());
    try {
      plane.launch(binaries, options);
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  private void launch(ControlPlaneBinaries binaries, Options options) {
    try {
      Files.createDirectories(folder.resolve("logs"));
      String controllerManagerToken = UUID.randomUUID().toString();
      writeServiceAccountKeys();
      // the controllers run under one identity (no per-controller accounts), so it is an
      // administrator here
      Files.writeString(
          folder.resolve("tokens.csv"),
          adminToken
              + ","
              + ADMIN
              + ","
              + ADMIN
              + ",\"system:masters\"\n"
              + controllerManagerToken
              + ",system:kube-controller-manager,kcm,\"system:masters\"\n");
      Files.writeString(
          folder.resolve("audit-policy.yaml"),
          "apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n  - level: Metadata\n");
      Files.writeString(
          folder.resolve("controller-manager.kubeconfig"), kubeconfig(controllerManagerToken));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the control plane's folder " + folder, e);
    }
    int etcdPort = freePort();
    run(
        "etcd",
        ControlPlaneCommands.etcd(binaries.etcd(), folder.resolve("etcd"), etcdPort, freePort()));
    waitUntil("etcd", () -> answers(URI.create("http://127.0.0.1:" + etcdPort + "/health")));
    apiServerCommand =
        ControlPlaneCommands.apiServer(binaries.apiServer(), folder, apiPort, etcdPort, options);
    run(API_SERVER, apiServerCommand);
    waitUntil(API_SERVER, this::ready);
    run(
        "kube-controller-manager",
        ControlPlaneCommands.controllerManager(binaries.controllerManager(), folder));
    try (KubernetesClient client = adminClient()) {
      // the service-account controller is up once the default namespace has its default account
      waitUntil(
          "kube-controller-manager",
          () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);
    }
  }

  /**
   * Kills the API server with SIGKILL, as a crash or an upgrade's replacement does, and starts it again on the same
   * port and etcd; returns once it is ready. Meanwhile its clients' requests fail and every watch breaks.
   */
  public void restartApiServer() {
    try {
      processes.get(API_SERVER).destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the API server", e);
    }
    run(API_SERVER, apiServerCommand);
    waitUntil(API_SERVER, this::ready);
  }

  /** The API server's address. */
  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The API server's certificate and the CA that signed it (PEM): what a pod's service-account ca.crt holds. */
  public Path caCertificate() {
    return folder.resolve("certs").resolve("apiserver.crt");
  }

  /** Where the API server writes its audit log (JSON lines; rotated files sit beside it). */
  public Path auditLog() {
    return folder.resolve("logs").resolve("audit.log");
  }

  /** The folder of the processes' own logs. */
  public Path logs() {
    return folder.resolve("logs");
  }

  /** The administrator: may do anything. */
  public Config adminConfig() {
    return configWithToken(adminToken);
  }

  public KubernetesClient adminClient() {
    return new KubernetesClientBuilder().withConfig(adminConfig()).build();
  }

  /** A configuration authenticated as a ServiceAccount (a bound token from the TokenRequest API, valid one day). */
  public Config serviceAccountConfig(String namespace, String serviceAccount) {
    return configWithToken(serviceAccountToken(namespace, serviceAccount));
  }

  /**
   * A ServiceAccount of its own bound to cluster-admin, and its configuration: a process that may do anything, whose
   * requests the audit log still tells apart from the administrator's.
   */
  public Config clusterAdminAccountConfig(String namespace, String serviceAccount) {
    try (KubernetesClient admin = adminClient()) {
      admin
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(serviceAccount)
                  .withNamespace(namespace)
                  .endMetadata()
                  .build())
          .create();
      admin
          .resource(
              new ClusterRoleBindingBuilder()
                  .withNewMetadata()
                  .withName(namespace + "-" + serviceAccount + "-admin")
                  .endMetadata()
                  .withNewRoleRef()
                  .withApiGroup("rbac.authorization.k8s.io")
                  .withKind("ClusterRole")
                  .withName("cluster-admin")
                  .endRoleRef()
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(serviceAccount)
                  .withNamespace(namespace)
                  .endSubject()
                  .build())
          .create();
    }
    return serviceAccountConfig(namespace, serviceAccount);
  }

  public String serviceAccountToken(String namespace, String serviceAccount) {
    try (KubernetesClient client = adminClient()) {
      return client
          .serviceAccounts()
          .inNamespace(namespace)
          .withName(serviceAccount)
          .tokenRequest(
              new TokenRequestBuilder()
                  .withNewSpec()
                  .withExpirationSeconds(86_400L)
                  .endSpec()
                  .build())
          .getStatus()
          .getToken();
    }
  }

  /** A kubeconfig file's text for the given bearer token (kubectl, helm). */
  public String kubeconfig(String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: tito
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
          - name: tito
            user: {token: "%s"}
        contexts:
          - name: tito
            context: {cluster: tito, user: tito}
        current-context: tito
        """
        .formatted(url(), token);
  }

  /** The administrator's kubeconfig text. */
  public String adminKubeconfig() {
    return kubeconfig(adminToken);
  }

  private Config configWithToken(String token) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withTrustCerts(true)
        .withOauthToken(token)
        .withAutoOAuthToken(token)
        .build();
  }

  private boolean ready() {
    try (KubernetesClient client = adminClient()) {
      return "ok".equals(client.raw(url() + "/readyz"));
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private void writeServiceAccountKeys() throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is part of every Java runtime", e);
    }
    Files.writeString(folder.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(folder.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private void run(String name, List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(logs().resolve(name + ".log").toFile()));
    try {
      processes.put(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  private void waitUntil(String what, BooleanSupplier serving) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!serving.getAsBoolean()) {
      Process exited =
          processes.values().stream().filter(p -> !p.isAlive()).findFirst().orElse(null);
      if (exited != null || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what
                + (exited != null
                    ? " exited with " + exited.exitValue()
                    : " did not start within " + START_TIMEOUT.toSeconds() + " s")
                + ": see "
                + logs().resolve(what + ".log"));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + what, e);
      }
    }
  }

  private static boolean answers(URI uri) {
    try {
      return HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the controller manager, the API server and etcd, in that order. */
  @Override
  public void close() {
    List<Process> started = new ArrayList<>(processes.values());
    for (int i = started.size() - 1; i >= 0; i--) {
      Process process = started.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
  }
}
