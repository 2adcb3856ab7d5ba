package dev.tito.demo;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Prints what a person wants to follow in the demo, each change once: readiness, release, each submission's phase. */
final class DemoProgress {
  private final PrintStream out;
  private final Map<String, String> printed = new HashMap<>();

  DemoProgress(PrintStream out) {
    this.out = out;
  }

  void classroom(Classroom classroom, List<String> students) {
    Condition ready =
        condition(
            classroom.getStatus() == null ? List.of() : classroom.getStatus().conditions, "Ready");
    if (ready != null && "True".equals(ready.getStatus())) {
      once(
          "classroom/" + name(classroom),
          "ready",
          "classroom "
              + name(classroom)
              + ": ready, "
              + students.size()
              + " students ("
              + String.join(", ", students)
              + ")");
    }
  }

  void assignment(Assignment assignment) {
    var status = assignment.getStatus();
    if (status == null) {
      return;
    }
    String name = name(assignment);
    Condition validated = condition(status.conditions, "Validated");
    Condition released = condition(status.conditions, "Released");
    if (validated != null && "False".equals(validated.getStatus())) {
      once(
          "assignment/" + name + "/validated",
          validated.getMessage(),
          "assignment " + name + ": not valid: " + validated.getMessage());
    }
    if (released != null && "True".equals(released.getStatus())) {
      once(
          "assignment/" + name + "/released",
          status.releasedRevision,
          "assignment "
              + name
              + ": validated ("
              + points(status.maxPoints)
              + " points), released revision "
              + status.releasedRevision);
    } else if (released != null && released.getMessage() != null) {
      once(
          "assignment/" + name + "/released",
          released.getReason(),
          "assignment " + name + ": not released: " + released.getMessage());
    }
    if (status.delivered != null) {
      once(
          "assignment/" + name + "/delivered",
          String.valueOf(status.delivered),
          "assignment " + name + ": delivered to " + status.delivered + " students");
    }
  }

  void submission(Submission submission) {
    var status = submission.getStatus();
    if (status == null || status.phase == null) {
      return;
    }
    String line =
        "submission "
            + name(submission)
            + " ("
            + submission.getSpec().student
            + "): "
            + status.phase;
    if (status.phase == SubmissionPhase.Graded) {
      line +=
          ", score "
              + points(status.score)
              + "/"
              + points(status.maxScore)
              + (status.latePenalty != null && status.latePenalty > 0
                  ? " (late penalty " + points(status.latePenalty) + ")"
                  : "")
              + (Boolean.TRUE.equals(status.needsManualGrade)
                  ? ", a written answer still to mark by hand"
                  : "");
    } else if (status.phase == SubmissionPhase.Failed) {
      // the operator's message for a failed Job already starts with its class
      String message =
          status.message == null || status.message.startsWith(status.failureClass + ":")
              ? status.message
              : status.failureClass + ": " + status.message;
      line += " (" + (message == null ? status.failureClass : message) + ")";
    } else if (status.phase == SubmissionPhase.Queued && status.queuePosition != null) {
      line += " (position " + status.queuePosition + ")";
    }
    once("submission/" + name(submission), status.phase.name(), line);
  }

  void feedback(Submission submission, java.nio.file.Path page) {
    once(
        "feedback/" + name(submission),
        page.toString(),
        "  feedback for " + submission.getSpec().student + ": " + page);
  }

  void line(String text) {
    out.println(text);
  }

  private void once(String what, String state, String line) {
    if (!Objects.equals(printed.put(what, String.valueOf(state)), String.valueOf(state))) {
      out.println(line);
    }
  }

  private static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private static String name(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return object.getMetadata().getName();
  }

  /** 3.0 as 3, 2.5 as 2.5: points as a person writes them. */
  static String points(Double points) {
    if (points == null) {
      return "?";
    }
    return points == Math.rint(points)
        ? String.valueOf(points.longValue())
        : String.valueOf(points);
  }
}
