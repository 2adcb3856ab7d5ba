package dev.tito.notebook.course;

/** A course folder that cannot be used as asked (missing, unknown module, ...); the message is one line. */
public class CourseException extends RuntimeException {
  public CourseException(String message) {
    super(message);
  }
}
