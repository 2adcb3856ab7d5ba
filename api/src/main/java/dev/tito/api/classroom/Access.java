package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** An Ingress path per student: {@code <host><pathPrefix>/<classroom>/<student>/}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Access {
  @Default("false")
  @JsonPropertyDescription("Create an Ingress per student.")
  public Boolean ingress = false;

  @JsonPropertyDescription("IngressClass; the cluster default when omitted.")
  public String ingressClassName;

  @JsonPropertyDescription("Host name; any host when omitted.")
  public String host;

  @JsonPropertyDescription("Secret with the TLS certificate for host.")
  public String tlsSecretName;

  @Default("/user")
  @Pattern("^/[-a-zA-Z0-9_/]*[-a-zA-Z0-9_]$")
  @JsonPropertyDescription("Path prefix before /<classroom>/<student>/.")
  public String pathPrefix = "/user";

  @JsonPropertyDescription(
      "Labels of the namespace the ingress controller runs in; allowed through the NetworkPolicy.")
  public java.util.Map<String, String> ingressControllerNamespaceLabels;
}
