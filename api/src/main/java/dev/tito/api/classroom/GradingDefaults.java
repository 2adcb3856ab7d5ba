package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** How grading Jobs of this class run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GradingDefaults {
  @JsonPropertyDescription("Image executing notebooks; the environment image when omitted.")
  public String image;

  @JsonPropertyDescription("Resources of one grading pod.")
  public ResourceRequirements resources;

  @Default("10m")
  @Pattern("^([0-9]+(s|m|h))+$")
  @JsonPropertyDescription("Deadline of one grading Job.")
  public String timeout = "10m";

  @Default("20")
  @Min(1)
  @JsonPropertyDescription("Most grading pods running at once.")
  public Integer maxConcurrent = 20;

  @Default("512Ki")
  @JsonPropertyDescription("Largest submission (all its files) accepted for grading.")
  public String maxSubmissionSize = "512Ki";

  @Default("3")
  @Min(0)
  @JsonPropertyDescription(
      "Grading attempts again after an infrastructure failure (a student's failure is final).")
  public Integer retries = 3;

  @JsonPropertyDescription("Kueue LocalQueue to submit grading Jobs to.")
  public String queue;

  @JsonPropertyDescription("Node selector of grading pods (e.g. an autoscaled grading pool).")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of grading pods.")
  public List<Toleration> tolerations;
}
