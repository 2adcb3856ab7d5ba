package dev.tito.console.cluster;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.export.ModuleGrades;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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
public final class ClusterGrades {
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final String SERVER = "jupyter-server";

  private ClusterGrades() {}

  public static List<ModuleGrades> read(
      KubernetesClient client, String namespace, List<String> assignments) {
    List<Submission> all =
        client.resources(Submission.class).inNamespace(namespace).list().getItems();
    List<ModuleGrades> grades = new ArrayList<>();
    for (String name : assignments) {
      Assignment assignment = assignment(client, namespace, name);
      String classroom = assignment.getSpec().classroom;
      List<StatefulSet> servers =
          classroom == null
              ? List.of()
              : client
                  .apps()
                  .statefulSets()
                  .inNamespace(namespace)
                  .withLabel("tito.dev/classroom", classroom)
                  .withLabel(COMPONENT, SERVER)
                  .list()
                  .getItems();
      grades.add(of(assignment, all, roster(servers, classroom)));
    }
    return grades;
  }

  /** An Assignment's grades: each student's latest Graded Submission of {@code all}, and the class's roster. */
  public static ModuleGrades of(Assignment assignment, List<Submission> all, List<String> roster) {
    String name = assignment.getMetadata().getName();
    List<GradingResult> results =
        latestGraded(all, name, assignment.getSpec().classroom).stream()
            .map(submission -> SubmissionGrade.of(submission, assignment))
            .toList();
    return new ModuleGrades(name, assignment.getSpec().dueAt, results, roster);
  }

  /** @throws IllegalArgumentException naming it when the Assignment does not exist */
  public static Assignment assignment(KubernetesClient client, String namespace, String name) {
    Assignment assignment =
        client.resources(Assignment.class).inNamespace(namespace).withName(name).get();
    if (assignment == null || assignment.getSpec() == null) {
      throw new IllegalArgumentException(
          "Assignment " + name + " not found in namespace " + namespace);
    }
    return assignment;
  }

  /** Per student, the newest Graded Submission for the assignment from the assignment's classroom. */
  public static List<Submission> latestGraded(
      List<Submission> all, String assignment, String classroom) {
    Comparator<Submission> newest =
        Comparator.comparing((Submission s) -> s.getMetadata().getCreationTimestamp())
            .thenComparing(s -> s.getMetadata().getName());
    Map<String, Submission> latest =
        all.stream()
            .filter(s -> s.getSpec() != null && assignment.equals(s.getSpec().assignment))
            .filter(s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Graded)
            .filter(s -> classroom == null || classroom.equals(labels(s).get("tito.dev/classroom")))
            .collect(
                Collectors.toMap(
                    s -> s.getSpec().student,
                    Function.identity(),
                    (a, b) -> newest.compare(a, b) >= 0 ? a : b));
    return latest.values().stream().sorted(Comparator.comparing(s -> s.getSpec().student)).toList();
  }

  /** The students of a classroom: those with a server (a StatefulSet of the class), sorted. */
  public static List<String> roster(List<StatefulSet> servers, String classroom) {
    if (classroom == null) {
      return List.of();
    }
    return servers.stream()
        .filter(server -> classroom.equals(labels(server).get("tito.dev/classroom")))
        .filter(server -> SERVER.equals(labels(server).get(COMPONENT)))
        .map(server -> labels(server).get("tito.dev/student"))
        .filter(Objects::nonNull)
        .sorted()
        .toList();
  }

  private static Map<String, String> labels(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
  }
}
