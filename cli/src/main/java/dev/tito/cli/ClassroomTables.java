package dev.tito.cli;

import dev.tito.console.cluster.ClassroomOverview;
import dev.tito.notebook.ipynb.PythonFloat;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The tables of {@code tito classroom status}: classes, then assignments, then recent failures. */
final class ClassroomTables {
  private ClassroomTables() {}

  static void print(List<ClassroomOverview> overviews, String namespace, PrintWriter out) {
    if (overviews.isEmpty()) {
      out.println("No classrooms in namespace " + namespace + ".");
      return;
    }
    AlignedTable classes =
        new AlignedTable(
                "CLASSROOM",
                "READY",
                "STUDENTS",
                "STOPPED",
                "STARTING",
                "FAILED",
                "ASSIGNMENTS",
                "QUEUED",
                "GRADING",
                "WAITING FOR",
                "STATE")
            .alignRight(2)
            .alignRight(3)
            .alignRight(4)
            .alignRight(5)
            .alignRight(6)
            .alignRight(7)
            .alignRight(8);
    for (ClassroomOverview o : overviews) {
      classes.add(
          o.name(),
          o.ready() ? "yes" : "no",
          o.students().ready() + "/" + o.students().total(),
          str(o.students().stopped()),
          str(o.students().pending()),
          str(o.students().failed()),
          str(o.assignments().size()),
          str(o.queue().queued()),
          str(o.queue().grading()),
          waiting(o.queue()),
          o.ready() ? "" : o.readyMessage());
    }
    classes.print(out);
    List<String[]> assignmentRows =
        overviews.stream()
            .flatMap(
                o ->
                    o.assignments().stream()
                        .map(
                            a ->
                                new String[] {
                                  a.name(),
                                  o.name(),
                                  a.releasedRevision() == null ? "-" : a.releasedRevision(),
                                  a.delivered() == null
                                      ? "-"
                                      : a.delivered() + "/" + o.students().total(),
                                  str(a.received()),
                                  str(a.queued()),
                                  str(a.grading()),
                                  str(a.graded()),
                                  str(a.failed()),
                                  a.mean() == null
                                      ? "-"
                                      : PythonFloat.repr(Math.round(a.mean() * 100) / 100.0)
                                          + (a.maxPoints() == null
                                              ? ""
                                              : " / " + PythonFloat.repr(a.maxPoints()))
                                }))
            .toList();
    if (!assignmentRows.isEmpty()) {
      out.println();
      AlignedTable assignments =
          new AlignedTable(
                  "ASSIGNMENT",
                  "CLASSROOM",
                  "RELEASED",
                  "DELIVERED",
                  "RECEIVED",
                  "QUEUED",
                  "GRADING",
                  "GRADED",
                  "FAILED",
                  "MEAN")
              .alignRight(3)
              .alignRight(4)
              .alignRight(5)
              .alignRight(6)
              .alignRight(7)
              .alignRight(8);
      assignmentRows.forEach(assignments::add);
      assignments.print(out);
    }
    List<String[]> failureRows =
        overviews.stream()
            .flatMap(
                o ->
                    o.recentFailures().stream()
                        .map(
                            f ->
                                new String[] {
                                  f.submission(),
                                  f.student(),
                                  f.assignment(),
                                  f.failureClass() == null ? "-" : f.failureClass(),
                                  f.when() == null ? "-" : f.when(),
                                  f.message() == null ? "" : f.message()
                                }))
            .toList();
    if (!failureRows.isEmpty()) {
      out.println();
      out.println("Recent failures:");
      AlignedTable failures =
          new AlignedTable("SUBMISSION", "STUDENT", "ASSIGNMENT", "FAILURE", "WHEN", "MESSAGE");
      failureRows.forEach(failures::add);
      failures.print(out);
    }
  }

  /** {@code QueuePlace 12, RetryTime 2 (first at 2026-03-01T12:00:10Z)}, or "-". */
  private static String waiting(ClassroomOverview.Queue queue) {
    if (queue.waiting().isEmpty()) {
      return "-";
    }
    return queue.waiting().stream()
        .map(
            w ->
                w.waitingFor()
                    + " "
                    + w.count()
                    + (w.notBefore() == null ? "" : " (first at " + w.notBefore() + ")"))
        .collect(Collectors.joining(", "));
  }

  private static String str(int value) {
    return Integer.toString(value);
  }
}
