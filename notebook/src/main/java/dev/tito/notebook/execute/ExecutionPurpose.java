package dev.tito.notebook.execute;

import java.util.Map;

/** What the run is for; nbgrader tells the student's code through environment variables. */
public enum ExecutionPurpose {
  AUTOGRADE(Map.of("NBGRADER_EXECUTION", "autograde")),
  VALIDATE(Map.of("NBGRADER_EXECUTION", "validate", "NBGRADER_VALIDATING", "1"));

  private final Map<String, String> environment;

  ExecutionPurpose(Map<String, String> environment) {
    this.environment = environment;
  }

  public Map<String, String> environment() {
    return environment;
  }
}
