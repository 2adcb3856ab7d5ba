package dev.tito.api.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Counts of an assignment's submissions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubmissionsSummary {
  public Integer received;
  public Integer graded;
  public Integer failed;
  public Double mean;
}
