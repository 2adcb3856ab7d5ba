package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a graded cell is, in the Create Assignment vocabulary. */
public enum TestKind {
  /** "Autograder tests": locked, scored from its execution. */
  AUTOGRADED_TEST,
  /** "Manually graded answer": the student's answer, scored by a person. */
  MANUAL_ANSWER,
  /** "Manually graded task": scored by a person. */
  TASK;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
