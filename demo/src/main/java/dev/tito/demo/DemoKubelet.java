package dev.tito.demo;

/** The demo's one node: {@link LocalKubelet} on the in-process API, {@link RealApiKubelet} on a real control plane. */
interface DemoKubelet extends AutoCloseable {
  /** Starts watching for the work of a node. */
  void start();

  /** Stops watching and kills the processes it runs. */
  @Override
  void close();
}
