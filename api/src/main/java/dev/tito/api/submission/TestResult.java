package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Score of one grade cell: the autograder's, and a person's once they graded it (score counts the latter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestResult {
  public String notebook;
  public String gradeId;

  @JsonPropertyDescription("What the cell is: autograded_test, manual_answer or task.")
  public String kind;

  @JsonPropertyDescription("code or markdown, as released.")
  public String cellType;

  public Double score;
  public Double maxScore;

  @JsonPropertyDescription(
      "The autograder's word: passed, failed, manual (a person has to grade it) or not_run.")
  public String status;

  @JsonPropertyDescription("The error the test raised (its last line, capped).")
  public String error;

  @JsonPropertyDescription("The autograder's score; absent when a person has to decide.")
  public Double autoScore;

  @JsonPropertyDescription("A person's score (from the Review), which replaces the automatic one.")
  public Double manualScore;

  @JsonPropertyDescription("Points a person added beyond the score.")
  public Double extraCredit;

  @JsonPropertyDescription("A person's comment for the student.")
  public String comment;

  @JsonPropertyDescription(
      "Why the Review's grade of this cell no longer counts (the answer changed since it was graded).")
  public String gradeDropped;
}
