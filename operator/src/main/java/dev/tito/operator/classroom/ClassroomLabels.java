package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotation keys on everything the operator creates; informers select on MANAGED_BY. */
public final class ClassroomLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "tito-operator";
  public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
  public static final String CLASSROOM = "tito.dev/classroom";
  public static final String STUDENT = "tito.dev/student";
  public static final String ASSIGNMENT = "tito.dev/assignment";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String SERVER_COMPONENT = "jupyter-server";

  /** A student's results ConfigMap, written by the student-results controller. */
  public static final String RESULTS_COMPONENT = "student-results";

  /** Grading Jobs and their pods. */
  public static final String GRADING_COMPONENT = "grading";

  private ClassroomLabels() {}

  public static Map<String, String> forClassroom(Classroom classroom, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "tito-classroom");
    labels.put("app.kubernetes.io/instance", classroom.getMetadata().getName());
    labels.put(COMPONENT, component);
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(CLASSROOM, classroom.getMetadata().getName());
    return labels;
  }

  public static Map<String, String> forStudent(
      Classroom classroom, String component, String studentId) {
    Map<String, String> labels = forClassroom(classroom, component);
    labels.put(STUDENT, studentId);
    return labels;
  }

  /** Selects one student's server pod. */
  public static Map<String, String> serverSelector(Classroom classroom, String studentId) {
    return Map.of(
        CLASSROOM,
        classroom.getMetadata().getName(),
        STUDENT,
        studentId,
        COMPONENT,
        SERVER_COMPONENT);
  }
}
