package dev.tito.notebook.gates;

import dev.tito.notebook.release.ReleasedNotebook;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's findings (every notebook's, then the module-wide ones) and each notebook's in-memory release.
 *
 * @param releases by notebook file, in the order given; a value is null where that notebook's release failed
 */
public record GatedModule(List<Finding> findings, Map<Path, ReleasedNotebook> releases) {
  public GatedModule {
    findings = List.copyOf(findings);
    releases = Collections.unmodifiableMap(new LinkedHashMap<>(releases));
  }

  /** True when no gate found an error, so the module's release may be published. */
  public boolean passed() {
    return findings.stream().noneMatch(Finding::isError) && !releases.containsValue(null);
  }

  public long count(Finding.Severity severity) {
    return findings.stream().filter(finding -> finding.severity() == severity).count();
  }
}
