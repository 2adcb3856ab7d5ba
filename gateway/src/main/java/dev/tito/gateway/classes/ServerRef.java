package dev.tito.gateway.classes;

/**
 * One student's Jupyter server: {@code <classroom>-<student>} in its namespace, served under {@code basePath}.
 *
 * @param basePath the server's base_url, {@code <pathPrefix>/<classroom>/<student>/}
 * @param port the port the server listens on (the Classroom's environment.port)
 */
public record ServerRef(
    String namespace, String classroom, String student, String basePath, int port) {
  /** The StatefulSet, Service and pod name stem: {@code <classroom>-<student>}. */
  public String name() {
    return classroom + "-" + student;
  }

  /** namespace/classroom/student, for logs and maps: never a token. */
  public String key() {
    return namespace + "/" + classroom + "/" + student;
  }
}
