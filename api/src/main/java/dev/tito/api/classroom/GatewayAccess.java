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
}
