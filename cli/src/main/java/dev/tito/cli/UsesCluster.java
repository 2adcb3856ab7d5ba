package dev.tito.cli;

/** A command that talks to a cluster; tests hand it an in-process API server instead of the kubeconfig's. */
interface UsesCluster {
  void connectWith(ClusterConnection connection);
}
