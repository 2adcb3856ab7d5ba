package dev.tito.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The root rules of the generated CRDs on {@code metadata.name}, evaluated with CEL as the API server does when an
 * object is created ({@code oldSelf} absent) or updated.
 */
class NameRulesCrdTest {
  @Test
  void aClassroomWhoseNameCannotNameAStudentsServiceIsRefusedWithTheRule() {
    assertThat(refusals("classrooms", "1abc"))
        .singleElement()
        .asString()
        .startsWith(
            "a Classroom's name must be a DNS-1035 label (lower-case letters, digits, '-', starting with a letter)"
                + " of at most 30 characters")
        .contains("<classroom>-<student>");
    assertThat(refusals("classrooms", "ml.101")).hasSize(1);
    assertThat(refusals("classrooms", "ml-")).hasSize(1);
    assertThat(refusals("classrooms", "c".repeat(70))).hasSize(1);
    assertThat(refusals("classrooms", "c".repeat(31))).hasSize(1);
  }

  @Test
  void aClassroomNamedAsADnsLabelOfThirtyCharactersIsAdmitted() {
    assertThat(refusals("classrooms", "ml")).isEmpty();
    assertThat(refusals("classrooms", "physics-101")).isEmpty();
    assertThat(refusals("classrooms", "c".repeat(30))).isEmpty();
  }

  @Test
  void anAssignmentWhoseNameIsNoLabelValueIsRefusedWithTheRule() {
    assertThat(refusals("assignments", "a".repeat(64)))
        .singleElement()
        .asString()
        .startsWith("an Assignment's name must be at most 63 characters")
        .contains("tito.dev/assignment");
    assertThat(refusals("assignments", "a".repeat(63))).isEmpty();
    assertThat(refusals("assignments", "01-tensor.v2")).isEmpty();
  }

  @Test
  void objectsAdmittedBeforeTheRulesCanStillBeUpdated() {
    Map<String, Object> old = object("c".repeat(70));

    assertThat(rootRules("classrooms"))
        .allSatisfy(rule -> assertThat(passes(rule, old, Optional.of(old))).isTrue());
    assertThat(rootRules("assignments"))
        .allSatisfy(rule -> assertThat(passes(rule, old, Optional.of(old))).isTrue());
  }

  /** The messages of the root rules that refuse creating an object of that name. */
  private static List<String> refusals(String plural, String name) {
    return rootRules(plural).stream()
        .filter(rule -> !passes(rule, object(name), Optional.empty()))
        .map(ValidationRule::getMessage)
        .toList();
  }

  private static List<ValidationRule> rootRules(String plural) {
    List<ValidationRule> rules = GeneratedCrds.schema(plural).getXKubernetesValidations();
    assertThat(rules)
        .as("root rules of " + plural)
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(rule.getOptionalOldSelf()).as(rule.getRule()).isTrue());
    return rules;
  }

  private static boolean passes(
      ValidationRule rule, Map<String, Object> self, Optional<Map<String, Object>> oldSelf) {
    return CelRules.passes(rule, self, oldSelf);
  }

  private static Map<String, Object> object(String name) {
    return Map.of("metadata", Map.of("name", name), "spec", Map.of());
  }
}
