package dev.tito.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console's addresses, with each name percent-encoded as one path segment; relative, so that they resolve against
 * the page's {@code <base href>}: {@code /} on the instructor's machine, the class's path behind the gateway.
 */
public final class Links {
  private Links() {}

  public static String module(String module) {
    return "module/" + segment(module);
  }

  public static String submission(String module, String student) {
    return "submission/" + segment(module) + "/" + segment(student);
  }

  public static String grade(String module, String student) {
    return "grade/" + segment(module) + "/" + segment(student);
  }

  public static String feedback(String module, String student, String notebook) {
    return "feedback/" + segment(module) + "/" + segment(student) + "/" + segment(notebook);
  }

  /** The next cell waiting for a person after one (formgrader's "next"); all nulls: the first. */
  public static String next(String module, String student, String notebook, String gradeId) {
    return "next/"
        + segment(module)
        + (student == null
            ? ""
            : "?student="
                + query(student)
                + "&notebook="
                + query(notebook)
                + "&cell="
                + query(gradeId));
  }

  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
