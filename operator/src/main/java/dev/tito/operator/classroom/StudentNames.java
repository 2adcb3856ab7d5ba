package dev.tito.operator.classroom;

import dev.tito.api.ObjectNames;
import dev.tito.api.classroom.Classroom;
import java.util.regex.Pattern;

/** Names of one student's objects, and whether a student id can form them. */
public final class StudentNames {
  public static final int MAX_SERVER_NAME = ObjectNames.MAX_STATEFUL_SET_NAME;

  private static final Pattern DNS_LABEL = Pattern.compile(ObjectNames.DNS_1035_LABEL);

  private StudentNames() {}

  public static String server(Classroom classroom, String studentId) {
    return classroom.getMetadata().getName() + "-" + studentId;
  }

  public static String home(Classroom classroom, String studentId) {
    return "home-" + server(classroom, studentId);
  }

  public static String token(Classroom classroom, String studentId) {
    return server(classroom, studentId) + "-token";
  }

  /** The ServiceAccount the student's server runs as: the server's own name. */
  public static String serviceAccount(Classroom classroom, String studentId) {
    return server(classroom, studentId);
  }

  /** The Role and RoleBinding letting the student submit and read their results. */
  public static String submitRole(Classroom classroom, String studentId) {
    return server(classroom, studentId) + "-student";
  }

  /** The ConfigMap holding the student's latest grading results, the one the student may read. */
  public static String results(Classroom classroom, String studentId) {
    return results(classroom.getMetadata().getName(), studentId);
  }

  public static String results(String classroom, String studentId) {
    return classroom + "-" + studentId + "-results";
  }

  /** Whether a name can begin a Service's name: lower-case letters, digits and '-', starting with a letter. */
  public static boolean isDnsLabel(String name) {
    return DNS_LABEL.matcher(name).matches();
  }

  /** Why this id cannot name Kubernetes objects, or null when it can. */
  public static String problem(Classroom classroom, String studentId) {
    if (!isDnsLabel(studentId)) {
      return "'"
          + studentId
          + "' is not a valid Kubernetes name (lower-case letters, digits and '-', starting with a letter)";
    }
    if (server(classroom, studentId).length() > MAX_SERVER_NAME) {
      return "'"
          + studentId
          + "' is too long: '"
          + server(classroom, studentId)
          + "' exceeds "
          + MAX_SERVER_NAME
          + " characters";
    }
    return null;
  }
}
