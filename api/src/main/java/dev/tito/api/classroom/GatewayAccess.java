package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Who, besides the roster's students, signs in to this class through the tito gateway (docs/gateway.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayAccess {
  @Size(max = 200)
  @JsonPropertyDescription(
      "The class's instructors, by the value of the gateway's identifying claim (an e-mail address"
          + " by default), compared without regard to case.")
  public List<String> instructors = new ArrayList<>();

  @JsonPropertyDescription(
      "Whether the instructors may open a student's server from the gateway. It opens on the"
          + " server's own address (the chart's gateway.serverDomain), never the gateway's, and each"
          + " opening is recorded as a Normal Event InstructorOpenedServer on the student's server."
          + " Off unless true.")
  public Boolean instructorsOpenServers;

  /** Whether instructors may open students' servers (unset is no). */
  public boolean instructorsMayOpenServers() {
    return Boolean.TRUE.equals(instructorsOpenServers);
  }
}
