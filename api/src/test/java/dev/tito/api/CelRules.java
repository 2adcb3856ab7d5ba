package dev.tito.api;

import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.Map;
import java.util.Optional;

/** A CRD's CEL rule evaluated as the API server evaluates it, with {@code self} and an optional {@code oldSelf}. */
final class CelRules {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", OptionalType.create(SimpleType.DYN))
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .build();

  private CelRules() {}

  static boolean passes(
      ValidationRule rule, Map<String, Object> self, Optional<Map<String, Object>> oldSelf) {
    try {
      return (Boolean)
          RUNTIME
              .createProgram(COMPILER.compile(rule.getRule()).getAst())
              .eval(Map.of("self", self, "oldSelf", oldSelf));
    } catch (Exception e) {
      throw new AssertionError("cannot evaluate " + rule.getRule(), e);
    }
  }
}
