package dev.tito.api.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Penalty for submissions after dueAt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatePolicy {
  @Default("0s")
  @Pattern("^([0-9]+(s|m|h))+$")
  @JsonPropertyDescription("Submissions this long after dueAt still count as on time.")
  public String grace = "0s";

  @Default("0")
  @Min(0)
  @JsonPropertyDescription("Points taken off per started period late.")
  public Double penaltyPerPeriod = 0.0;

  @Default("24h")
  @Pattern("^([0-9]+(s|m|h))+$")
  @JsonPropertyDescription("Length of one period.")
  public String period = "24h";

  @JsonPropertyDescription("Refuse submissions later than this after dueAt.")
  @Pattern("^([0-9]+(s|m|h))+$")
  public String cutoff;
}
