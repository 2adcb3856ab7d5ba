package dev.tito.api.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A person's grade of one cell, and what it was given for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.score <= self.maxScore",
    message = "score must be at most the cell's points (maxScore)",
    reason = "FieldValueInvalid")
public class ReviewGrade {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Notebook name without .ipynb.")
  public String notebook;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("The cell's nbgrader grade_id.")
  public String gradeId;

  @Required
  @Min(0)
  @JsonPropertyDescription("The person's score; replaces the automatic one.")
  public Double score;

  @Min(0)
  @JsonPropertyDescription("Points added beyond the score.")
  public Double extraCredit;

  @Size(max = 10000)
  @JsonPropertyDescription("A comment for the student, shown as text.")
  public String comment;

  @Required
  @Min(0)
  @JsonPropertyDescription(
      "The cell's points when it was graded; the grade no longer counts when they change.")
  public Double maxScore;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription(
      "The Submission whose answer was graded; the grade also counts in the student's other "
          + "Submissions while their answer to this cell is the same.")
  public String submission;

  @Size(max = 253)
  @JsonPropertyDescription("Who graded.")
  public String gradedBy;

  @JsonPropertyDescription("When, RFC 3339.")
  public String gradedAt;
}
