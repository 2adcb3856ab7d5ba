package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import java.util.regex.Pattern;

/** Names of one student's objects, and whether a student id can form them. */
public final class StudentNames {
  /** A StatefulSet's name plus "-" and a 10-character revision hash must fit a 63-character label. */
  public static final int MAX_SERVER_NAME = 52;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

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

  /** Why this id cannot name Kubernetes objects, or null when it can. */
  public static String problem(Classroom classroom, String studentId) {
    if (!DNS_LABEL.matcher(studentId).matches()) {
      return "'" + studentId + "' is not a valid Kubernetes name (lower-case letters, digits and '-', starting with a letter)";
    }
    if (server(classroom, studentId).length() > MAX_SERVER_NAME) {
      return "'" + studentId + "' is too long: '" + server(classroom, studentId) + "' exceeds " + MAX_SERVER_NAME + " characters";
    }
    return null;
  }
}
