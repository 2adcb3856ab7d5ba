package dev.tito.cli;

import dev.tito.console.cluster.ClusterReviews;
import dev.tito.notebook.review.CourseReviews;
import dev.tito.notebook.review.ManualGrading;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where {@code tito grades review|set} find the grades: a local course folder, or the cluster's Submissions. */
final class ManualGradingTarget {
  @Option(
      names = "--course",
      paramLabel = "DIR",
      description = "course root (default: current directory)")
  Path course = Path.of(".");

  @Option(
      names = "--cluster",
      description = "the cluster's Submissions and Reviews (current kubeconfig)")
  boolean cluster;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "with --cluster: the course's namespace (default: the kubeconfig's)")
  String namespace;

  /** Runs {@code work} against the course or the cluster. */
  <T> T run(ClusterConnection connection, Function<ManualGrading, T> work) {
    if (!cluster) {
      if (namespace != null) {
        throw new IllegalArgumentException("--namespace goes with --cluster");
      }
      return work.apply(new CourseReviews(course, Clock.systemUTC()));
    }
    try (KubernetesClient client = connection.connect(namespace)) {
      return work.apply(new ClusterReviews(client, client.getNamespace(), Clock.systemUTC()));
    }
  }
}
