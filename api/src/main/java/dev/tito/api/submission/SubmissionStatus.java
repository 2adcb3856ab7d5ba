package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Grading outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubmissionStatus {
  public Long observedGeneration;
  public SubmissionPhase phase;
  public Double score;
  public Double maxScore;

  @JsonPropertyDescription("Score of each grade cell.")
  public List<TestResult> results = new ArrayList<>();

  @JsonPropertyDescription("Why grading failed: Timeout, OutOfMemory, InvalidNotebook, ...")
  public String failureClass;

  @JsonPropertyDescription("ConfigMap holding the HTML feedback.")
  public String feedbackConfigMap;

  public String jobName;
  public String startedAt;
  public String completedAt;
  public List<Condition> conditions = new ArrayList<>();
}
