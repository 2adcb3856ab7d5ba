package dev.tito.operator.classroom;

/**
 * Per-student state, kept in annotations on the student's StatefulSet (never in the Classroom's status).
 *
 * @param running whether the server should run
 * @param startedTemplate template hash the running pod was started from; null when stopped
 * @param stopReason why it is stopped (Idle, NotStarted); null when running
 * @param lastActivity last kernel activity recorded when it was stopped (RFC 3339); may be null
 */
public record ServerState(
    boolean running, String startedTemplate, String stopReason, String lastActivity) {
  public static final String TEMPLATE_HASH = "tito.dev/template-hash";
  public static final String STARTED_TEMPLATE = "tito.dev/started-template";
  public static final String STOP_REASON = "tito.dev/stop-reason";
  public static final String LAST_ACTIVITY = "tito.dev/last-activity";

  /** Set by a person or a portal ({@code kubectl annotate statefulset <classroom>-<id> tito.dev/start=now}). */
  public static final String START_REQUEST = "tito.dev/start";

  public static ServerState running(String templateHash) {
    return new ServerState(true, templateHash, null, null);
  }

  public static ServerState stopped(String reason, String lastActivity) {
    return new ServerState(false, null, reason, lastActivity);
  }

  public boolean pendingRestart(String templateHash) {
    return running && !templateHash.equals(startedTemplate);
  }
}
