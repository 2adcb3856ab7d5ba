package dev.tito.api.classroom;

/** When a running server picks up a changed environment. */
public enum RestartPolicy {
  /** At the server's next start: running sessions are never killed. */
  OnStop,
  /** Right away: running servers restart. */
  Immediate
}
