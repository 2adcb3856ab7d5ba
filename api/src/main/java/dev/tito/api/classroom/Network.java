package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.ArrayList;
import java.util.List;

/** Egress of student servers; ingress between students is always refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Network {
  @Default("All")
  @JsonPropertyDescription(
      "All: any destination; DNSOnly: cluster DNS plus allowedCIDRs; None: nothing.")
  public EgressMode egress = EgressMode.All;

  @JsonPropertyDescription(
      "Extra destinations allowed with DNSOnly (e.g. a package mirror), as CIDRs.")
  public List<String> allowedCIDRs = new ArrayList<>();
}
