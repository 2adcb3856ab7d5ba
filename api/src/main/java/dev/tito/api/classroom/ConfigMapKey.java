package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the Classroom's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapKey {
  @Required
  @JsonPropertyDescription("ConfigMap name.")
  public String name;

  @Default("roster.csv")
  @JsonPropertyDescription("Key holding the CSV.")
  public String key = "roster.csv";
}
