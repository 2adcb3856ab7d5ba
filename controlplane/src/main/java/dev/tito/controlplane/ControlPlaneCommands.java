package dev.tito.controlplane;

import java.nio.file.Path;
import java.util.List;

/** The command lines of the three control-plane processes. */
final class ControlPlaneCommands {
  /** What a production API server runs beyond the defaults, each one tito's cluster behaviour depends on. */
  static final String ADMISSION_PLUGINS =
      String.join(
          ",",
          "NamespaceLifecycle",
          "LimitRanger",
          "ServiceAccount",
          "PodSecurity",
          "OwnerReferencesPermissionEnforcement",
          "ResourceQuota",
          "ValidatingAdmissionPolicy",
          "DefaultStorageClass",
          "StorageObjectInUseProtection",
          "Priority");

  private ControlPlaneCommands() {}

  static List<String> etcd(Path binary, Path data, int clientPort, int peerPort) {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    // no fsync: a test's data need not survive a power cut, and fsync dominates write latency on a
    // shared disk
    return List.of(
        binary.toString(),
        "--data-dir=" + data,
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=default=" + peer,
        "--unsafe-no-fsync",
        "--quota-backend-bytes=8589934592",
        "--log-level=warn");
  }

  static List<String> apiServer(
      Path binary, Path folder, int port, int etcdPort, ControlPlane.Options options) {
    return List.of(
        binary.toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--secure-port=" + port,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--cert-dir=" + folder.resolve("certs"),
        "--token-auth-file=" + folder.resolve("tokens.csv"),
        "--authorization-mode=RBAC",
        // as a production cluster (its CNI and node agents run privileged): PodSecurity is what
        // holds namespaces to a level
        "--allow-privileged=true",
        "--enable-admission-plugins=" + ADMISSION_PLUGINS,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + folder.resolve("sa.pub"),
        "--service-account-signing-key-file=" + folder.resolve("sa.key"),
        "--service-cluster-ip-range=" + options.serviceRange(),
        "--audit-policy-file=" + folder.resolve("audit-policy.yaml"),
        "--audit-log-path=" + folder.resolve("logs").resolve("audit.log"),
        "--audit-log-format=json",
        "--audit-log-maxsize=" + options.auditLogMaxSizeMegabytes(),
        "--audit-log-maxbackup=100",
        "--kubelet-preferred-address-types=InternalIP");
  }

  static List<String> controllerManager(Path binary, Path folder) {
    return List.of(
        binary.toString(),
        "--kubeconfig=" + folder.resolve("controller-manager.kubeconfig"),
        "--secure-port=0",
        "--leader-elect=false",
        "--service-account-private-key-file=" + folder.resolve("sa.key"),
        "--root-ca-file=" + folder.resolve("certs").resolve("apiserver.crt"),
        "--use-service-account-credentials=false",
        // no kubelet renews node leases here: the lifecycle controllers would taint a test's node
        // and evict its pods
        "--controllers=*,-node-lifecycle-controller,-taint-eviction-controller",
        "--kube-api-qps=200",
        "--kube-api-burst=400");
  }
}
