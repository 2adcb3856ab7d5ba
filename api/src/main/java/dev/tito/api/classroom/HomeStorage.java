package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** The persistent home volume of each student. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HomeStorage {
  @Default("10Gi")
  @ValidationRule(
      value = "isQuantity(self) && quantity(self).isGreaterThan(quantity('0'))",
      message = "size must be a positive quantity such as 10Gi",
      reason = "FieldValueInvalid")
  @JsonPropertyDescription("Requested size (a quantity such as 10Gi).")
  public String size = "10Gi";

  @JsonPropertyDescription("StorageClass; the cluster default when omitted.")
  public String storageClassName;

  @Default("Retain")
  @JsonPropertyDescription(
      "Retain keeps homes when students leave or the Classroom is deleted; Delete removes them.")
  public RetainPolicy retainPolicy = RetainPolicy.Retain;
}
