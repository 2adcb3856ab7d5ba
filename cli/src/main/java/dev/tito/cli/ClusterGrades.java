package dev.tito.cli;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.export.ModuleGrades;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Grades as the cluster holds them: per assignment, each student's latest Graded Submission, and the Classroom's
 * provisioned students (their servers) as the roster, so those who handed nothing in are exported as missing.
 */
final class ClusterGrades {
  private ClusterGrades() {}

  static List<ModuleGrades> read(KubernetesClient client, String namespace, List<String> assignments) {
    List<Submission> all = client.resources(Submission.class).inNamespace(namespace).list().getItems();
    List<ModuleGrades> grades = new ArrayList<>();
    for (String name : assignments) {
      Assignment assignment = assignment(client, namespace, name);
      String classroom = assignment.getSpec().classroom;
      List<GradingResult> results = latestGraded(all, name, classroom).stream()
          .map(submission -> SubmissionGrade.of(submission, assignment)).toList();
      grades.add(new ModuleGrades(name, assignment.getSpec().dueAt, results, roster(client, namespace, classroom)));
    }
    return grades;
  }

  /** @throws IllegalArgumentException naming it when the Assignment does not exist */
  static Assignment assignment(KubernetesClient client, String namespace, String name) {
    Assignment assignment = client.resources(Assignment.class).inNamespace(namespace).withName(name).get();
    if (assignment == null || assignment.getSpec() == null) {
      throw new IllegalArgumentException("Assignment " + name + " not found in namespace " + namespace);
    }
    return assignment;
  }

  /** Per student, the newest Graded Submission for the assignment from the assignment's classroom. */
  static List<Submission> latestGraded(List<Submission> all, String assignment, String classroom) {
    Comparator<Submission> newest = Comparator
        .comparing((Submission s) -> s.getMetadata().getCreationTimestamp())
        .thenComparing(s -> s.getMetadata().getName());
    Map<String, Submission> latest = all.stream()
        .filter(s -> s.getSpec() != null && assignment.equals(s.getSpec().assignment))
        .filter(s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Graded)
        .filter(s -> classroom == null || classroom.equals(labels(s).get("tito.dev/classroom")))
        .collect(Collectors.toMap(s -> s.getSpec().student, Function.identity(),
            (a, b) -> newest.compare(a, b) >= 0 ? a : b));
    return latest.values().stream().sorted(Comparator.comparing(s -> s.getSpec().student)).toList();
  }

  private static List<String> roster(KubernetesClient client, String namespace, String classroom) {
    if (classroom == null) {
      return List.of();
    }
    return client.apps().statefulSets().inNamespace(namespace)
        .withLabel("tito.dev/classroom", classroom).withLabel("app.kubernetes.io/component", "jupyter-server")
        .list().getItems().stream()
        .map(server -> labels(server).get("tito.dev/student")).filter(Objects::nonNull).sorted().toList();
  }

  private static Map<String, String> labels(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
  }
}
