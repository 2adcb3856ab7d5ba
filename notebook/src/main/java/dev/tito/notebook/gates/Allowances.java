package dev.tito.notebook.gates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gate errors a module may allow, because it means them: by naming the rule in its notebook's metadata
 * ({@code "tito": {"allow": ["zero-points"]}}; in a jupytext file, under {@code jupyter:} in the YAML header) or on
 * the command line. An allowed error is still shown, as a warning saying who allowed it.
 */
public final class Allowances {
  /** Every rule that can be allowed. */
  public static final Set<String> RULES =
      Set.of(WholeCellStubs.DROPS_NAMES, WholeCellStubs.REPLACES_TESTS, ModulePoints.ZERO_POINTS);

  private Allowances() {}

  /** The rules a notebook's metadata allows ({@code metadata.tito.allow}: a list of rule ids, or one). */
  public static Set<String> inNotebook(Notebook notebook) {
    JsonNode allow = notebook.root().path("metadata").path("tito").path("allow");
    Set<String> rules = new LinkedHashSet<>();
    if (allow.isTextual()) {
      rules.add(allow.textValue());
    }
    allow.forEach(rule -> rules.add(rule.asText()));
    return rules;
  }

  /** Warnings for rule ids a notebook names that tito does not know (a typo would otherwise allow nothing). */
  static List<Finding> unknown(Path file, Set<String> named) {
    List<Finding> findings = new ArrayList<>();
    for (String rule : named) {
      if (!RULES.contains(rule)) {
        findings.add(
            Finding.warning(
                file,
                null,
                null,
                null,
                "tito.allow names '"
                    + rule
                    + "', which is no rule; "
                    + "rules that can be allowed: "
                    + String.join(", ", RULES.stream().sorted().toList())));
      }
    }
    return findings;
  }

  /** Each error of an allowed rule, turned into a warning naming who allowed it. */
  static List<Finding> apply(List<Finding> findings, Set<String> byNotebook, Set<String> byOption) {
    List<Finding> result = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      String rule = finding.rule();
      if (finding.isError() && rule != null && byOption.contains(rule)) {
        result.add(finding.allowedBy("--allow " + rule));
      } else if (finding.isError() && rule != null && byNotebook.contains(rule)) {
        result.add(finding.allowedBy("the notebook's tito.allow"));
      } else {
        result.add(finding);
      }
    }
    return result;
  }
}
