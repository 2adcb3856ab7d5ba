package dev.tito.notebook.gates;

import dev.tito.notebook.release.ReleasedNotebook;
import java.util.List;

/**
 * A notebook's findings together with the student release the gates made while checking it, so a
 * caller that validates and then releases does the release once.
 *
 * @param findings as {@link QualityGates#check}
 * @param release the in-memory release, or null when the release itself failed (an error finding says why)
 */
public record GatedRelease(List<Finding> findings, ReleasedNotebook release) {
  public GatedRelease {
    findings = List.copyOf(findings);
  }

  /** True when no gate found an error, so the release may be published. */
  public boolean passed() {
    return release != null && findings.stream().noneMatch(Finding::isError);
  }
}
