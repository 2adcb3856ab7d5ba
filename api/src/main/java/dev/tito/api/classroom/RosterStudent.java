package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tito.api.ObjectNames;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One student on the roster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RosterStudent {
  @Required
  @Size(min = 1, max = 40)
  @Pattern(ObjectNames.DNS_1035_LABEL)
  @JsonPropertyDescription(
      "Student id: lower-case letters, digits and '-', starting with a letter; names the student's"
          + " objects <classroom>-<id>, which must fit "
          + ObjectNames.MAX_STATEFUL_SET_NAME
          + " characters.")
  public String id;

  @JsonPropertyDescription("Display name.")
  public String name;

  @JsonPropertyDescription("E-mail address.")
  public String email;

  public RosterStudent() {}

  public RosterStudent(String id) {
    this.id = id;
  }
}
