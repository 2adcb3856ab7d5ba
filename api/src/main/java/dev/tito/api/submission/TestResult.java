package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Score of one grade cell. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestResult {
  public String notebook;
  public String gradeId;
  public Double score;
  public Double maxScore;

  @JsonPropertyDescription("passed, failed, manual or not_run.")
  public String status;

  @JsonPropertyDescription("The error the test raised (its last line, capped).")
  public String error;
}
