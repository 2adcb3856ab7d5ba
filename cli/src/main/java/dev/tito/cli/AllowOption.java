package dev.tito.cli;

import dev.tito.notebook.gates.Allowances;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --allow RULE}: gate errors the modules being checked mean, shown as warnings instead. */
final class AllowOption {
  @Option(
      names = "--allow",
      paramLabel = "RULE",
      split = ",",
      converter = RuleConverter.class,
      description =
          "Allow a gate's error for every module checked (shown as a warning saying so): stub-drops-names, "
              + "stub-replaces-tests, zero-points. A module can allow one itself in its notebook's metadata: "
              + "\"tito\": {\"allow\": [RULE]} (in a .py, under jupyter: in the YAML header).")
  List<String> rules = List.of();

  Set<String> rules() {
    return new LinkedHashSet<>(rules);
  }

  static final class RuleConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!Allowances.RULES.contains(value)) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is no rule that can be allowed ("
                + String.join(", ", Allowances.RULES.stream().sorted().toList())
                + ")");
      }
      return value;
    }
  }
}
