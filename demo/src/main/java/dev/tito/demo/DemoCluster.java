package dev.tito.demo;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The Kubernetes the demo runs on: an API, the namespace of the sample course, and the node that runs its pods. */
interface DemoCluster extends AutoCloseable {
  /** A client allowed everything the operator and the demo do. */
  KubernetesClient client();

  /** Where the samples are applied. */
  String namespace();

  /** Starts the node's kubelet: after the operator, as in a cluster whose node joins a running control plane. */
  void startKubelet();

  /** Stops the kubelet (killing the processes it runs) and the API. */
  @Override
  void close();
}
