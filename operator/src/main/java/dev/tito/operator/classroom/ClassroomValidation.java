package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Spec checks beyond the roster: the ones admission cannot refuse (or that an older API server let through). */
public final class ClassroomValidation {
  public static final String IMAGE_PINNED = "ImagePinned";
  public static final String SPEC_VALID = "SpecValid";
  private static final String INVALID_NAME = "InvalidName";
  private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");

  private ClassroomValidation() {}

  public static List<Finding> check(Classroom classroom) {
    List<Finding> findings = new ArrayList<>();
    nameFinding(classroom.getMetadata().getName()).ifPresent(findings::add);
    String image = classroom.getSpec().environment.image;
    if (image == null || image.isBlank()) {
      findings.add(new Finding(SPEC_VALID, "MissingImage", "spec.environment.image is required"));
    } else if (!DIGEST.matcher(image).matches()) {
      findings.add(
          new Finding(
              IMAGE_PINNED,
              "ImageNotPinnedByDigest",
              "spec.environment.image '"
                  + image
                  + "' is not pinned by digest (repo@sha256:...): students may get different environments as the tag moves"));
    }
    ingressFinding(classroom).ifPresent(findings::add);
    try {
      idleTimeout(classroom);
    } catch (IllegalArgumentException e) {
      findings.add(
          new Finding(
              SPEC_VALID,
              "InvalidIdleTimeout",
              e.getMessage() + "; servers are not stopped while it is invalid"));
    }
    return findings;
  }

  /**
   * The CRD's name rule, for a Classroom an older CRD admitted: a name that can form no student's objects (not a
   * DNS-1035 label, or no room left for an id) blocks provisioning; a merely long one leaves the per-id check to refuse
   * the students whose names do not fit.
   */
  private static Optional<Finding> nameFinding(String name) {
    if (name.length() <= Classroom.MAX_NAME_LENGTH && StudentNames.isDnsLabel(name)) {
      return Optional.empty();
    }
    String rule = "metadata.name '" + name + "': " + Classroom.NAME_RULE;
    if (!StudentNames.isDnsLabel(name)
        || name.length() + "-x".length() > StudentNames.MAX_SERVER_NAME) {
      return Optional.of(
          new Finding(SPEC_VALID, INVALID_NAME, rule + "; nothing is provisioned for it"));
    }
    return Optional.of(
        new Finding(
            SPEC_VALID,
            "NameTooLong",
            rule
                + "; an older CRD admitted it, and students whose <classroom>-<student> is too long are refused"));
  }

  /** An Ingress the class's NetworkPolicy keeps out: it admits the controller only from the namespaces labelled so. */
  private static Optional<Finding> ingressFinding(Classroom classroom) {
    var access = classroom.getSpec().access;
    if (access == null
        || !Boolean.TRUE.equals(access.ingress)
        || access.ingressControllerNamespaceLabels != null
            && !access.ingressControllerNamespaceLabels.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            SPEC_VALID,
            "IngressBlocked",
            "spec.access.ingress is on but "
                + "spec.access.ingressControllerNamespaceLabels is empty: the class's NetworkPolicy admits no ingress controller, "
                + "so no student reaches a server through the Ingress; set the labels of the controller's namespace "
                + "(e.g. kubernetes.io/metadata.name: ingress-nginx)"));
  }

  /** The idle timeout; zero (never stop) when it is invalid, so a typo never stops anyone's server. */
  public static Duration idleTimeoutOrNever(Classroom classroom) {
    try {
      return idleTimeout(classroom);
    } catch (IllegalArgumentException e) {
      return Duration.ZERO;
    }
  }

  private static Duration idleTimeout(Classroom classroom) {
    return Durations.parse(
        "spec.environment.idleTimeout", classroom.getSpec().environment.idleTimeout);
  }

  /** Findings that block provisioning altogether (there is nothing to run). */
  public static boolean blocksProvisioning(List<Finding> findings) {
    return findings.stream()
        .anyMatch(f -> f.reason().equals("MissingImage") || f.reason().equals(INVALID_NAME));
  }
}
