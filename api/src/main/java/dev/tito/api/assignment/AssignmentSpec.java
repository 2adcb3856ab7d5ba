package dev.tito.api.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which notebooks, for which class, and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.releaseAt) || !has(self.dueAt) || timestamp(self.releaseAt) < timestamp(self.dueAt)",
    message = "releaseAt must be before dueAt",
    reason = "FieldValueInvalid")
public class AssignmentSpec {
  @Required
  @JsonPropertyDescription("Name of the Classroom (same namespace).")
  public String classroom;

  @Required
  @JsonPropertyDescription(
      "Secret holding the instructor's source notebooks (they contain solutions and hidden tests).")
  public String sourceSecret;

  @JsonPropertyDescription("When students receive the release (RFC 3339); now when omitted.")
  public String releaseAt;

  @JsonPropertyDescription("Deadline (RFC 3339).")
  public String dueAt;

  @JsonPropertyDescription(
      "How late submissions are scored; without it, submissions after dueAt are refused.")
  public LatePolicy latePolicy;

  @Min(0)
  @JsonPropertyDescription("Raise it to grade every student's latest submission again.")
  public Integer regrade;
}
