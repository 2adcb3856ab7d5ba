package dev.tito.api.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Counts of an assignment's submissions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubmissionsSummary {
  @JsonPropertyDescription("Submissions received, every attempt of every student.")
  public Integer received;

  public Integer queued;
  public Integer grading;
  public Integer graded;
  public Integer failed;

  @JsonPropertyDescription("Mean score of each student's latest graded submission.")
  public Double mean;
}
