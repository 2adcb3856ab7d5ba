package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Who handed in what. Immutable once created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "a submission cannot be changed; create a new one",
    reason = "FieldValueForbidden")
public class SubmissionSpec {
  @Required
  @JsonPropertyDescription("Name of the Assignment (same namespace).")
  public String assignment;

  @Required
  @JsonPropertyDescription("Student id on the Classroom's roster.")
  public String student;

  @Required
  @JsonPropertyDescription(
      "ConfigMap holding the submitted files, one key per file (e.g. 01_tensor.ipynb); "
          + "notebooks of the release not among them score zero.")
  public String notebookConfigMap;
}
