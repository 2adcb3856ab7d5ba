package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** The Jupyter server every student runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Environment {
  @Required
  @JsonPropertyDescription(
      "Container image, pinned by digest (repo@sha256:...); a tag only gives a warning condition.")
  public String image;

  @JsonPropertyDescription("CPU and memory of each student's server.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Extra environment variables of each student's server.")
  public List<EnvVar> env = new ArrayList<>();

  @Default("/home/jovyan")
  @JsonPropertyDescription("Working directory; the home volume is mounted here.")
  public String workingDir = "/home/jovyan";

  @Default("8888")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port the Jupyter server listens on.")
  public Integer port = 8888;

  @Default("1000")
  @Min(1)
  @JsonPropertyDescription("Non-root user id the server runs as.")
  public Long runAsUser = 1000L;

  @Default("100")
  @Min(0)
  @JsonPropertyDescription("Group id owning the home volume.")
  public Long fsGroup = 100L;

  @JsonPropertyDescription(
      "The student's home: a volume that survives stops and removal from the roster.")
  public HomeStorage home = new HomeStorage();

  @Default("1h")
  @Pattern("^([0-9]+(s|m|h))+$")
  @ValidationRule(
      value = "duration(self) == duration('0s') || duration(self) >= duration('1m')",
      message = "idleTimeout must be 0s (never stop) or at least 1m",
      reason = "FieldValueInvalid")
  @JsonPropertyDescription(
      "Stop a server after this long without kernel activity (e.g. 30m, 2h); 0s never stops.")
  public String idleTimeout = "1h";

  @Default("OnStop")
  @JsonPropertyDescription(
      "When a changed image or resources reach a running server: OnStop (next start) or Immediate.")
  public RestartPolicy restartPolicy = RestartPolicy.OnStop;

  @Default("true")
  @JsonPropertyDescription(
      "Start every server when it is provisioned; false starts servers on demand only.")
  public Boolean startOnProvision = true;
}
