package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Nodes made ready for the class: the image pulled everywhere, and room held by low-priority placeholders. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Capacity {
  @Default("true")
  @JsonPropertyDescription("Pull the classroom image on every node with a DaemonSet.")
  public Boolean prePull = true;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription(
      "Placeholder pods that hold room for student servers and give way to them.")
  public Integer placeholders = 0;

  @JsonPropertyDescription(
      "Resources of one placeholder; the student server's resources when omitted.")
  public ResourceRequirements placeholderResources;
}
