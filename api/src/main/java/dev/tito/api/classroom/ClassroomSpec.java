package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** What a platform team asks for: who is in the class and the environment each of them gets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClassroomSpec {
  @Required
  @JsonPropertyDescription(
      "Who is in the class: inline, or a ConfigMap holding a CSV for large classes.")
  public Roster roster = new Roster();

  @Required
  @JsonPropertyDescription("The Jupyter environment every student gets.")
  public Environment environment = new Environment();

  @JsonPropertyDescription("How students reach their server from outside the cluster.")
  public Access access;

  @JsonPropertyDescription(
      "Who signs in through the tito gateway besides the roster's students: the instructors.")
  public GatewayAccess gateway;

  @JsonPropertyDescription("Which traffic student servers may send.")
  public Network network;

  @JsonPropertyDescription("Capacity prepared for the cluster autoscaler before class.")
  public Capacity capacity;

  @JsonPropertyDescription("Defaults for grading Jobs of this class's assignments.")
  public GradingDefaults grading;
}
