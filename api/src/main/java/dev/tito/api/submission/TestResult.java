package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Score of one grade cell. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestResult {
  public String gradeId;
  public Double score;
  public Double maxScore;
  public String error;
}
