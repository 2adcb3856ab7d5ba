package dev.tito.api.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Validation, release and a summary of submissions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AssignmentStatus {
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Validated, Released conditions; gate findings are in the Validated message.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Total points of the assignment's grade cells.")
  public Double maxPoints;

  @JsonPropertyDescription("Revision of the source released to students.")
  public String releasedRevision;

  @JsonPropertyDescription("Students who received the release.")
  public Integer delivered;

  @JsonPropertyDescription("The spec.regrade whose submissions have all been given a grading Job.")
  public Integer regradedRound;

  public SubmissionsSummary submissions;
}
