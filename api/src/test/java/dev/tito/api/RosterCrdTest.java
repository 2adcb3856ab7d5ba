package dev.tito.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the API server does with an inline roster, read from the generated Classroom CRD. */
class RosterCrdTest {
  /** CEL's list macros: each walks the list once, so one inside another walks it n times n. */
  private static final Pattern LIST_MACRO =
      Pattern.compile("\\.(all|exists|exists_one|map|filter)\\(");

  @Test
  void duplicateStudentIdsAreRefusedByTheListsKeyNotByACelRule() {
    JSONSchemaProps students =
        GeneratedCrds.at(GeneratedCrds.schema("classrooms"), "spec.roster.students");

    assertThat(students.getXKubernetesListType()).isEqualTo("map");
    assertThat(students.getXKubernetesListMapKeys()).containsExactly("id");
    assertThat(students.getItems().getSchema().getRequired()).contains("id");
    assertThat(students.getXKubernetesValidations()).isEmpty();
  }

  @Test
  void anInlineRosterStillHoldsAtMostFiveHundredStudents() {
    JSONSchemaProps students =
        GeneratedCrds.at(GeneratedCrds.schema("classrooms"), "spec.roster.students");

    assertThat(students.getMaxItems()).isEqualTo(500L);
    assertThat(students.getDescription()).contains("up to 500");
  }

  @Test
  void everyCelRuleWalksAListAtMostOnceSoItsCostGrowsLinearly() {
    List<String> rules = new ArrayList<>();
    for (String plural : List.of("classrooms", "assignments", "submissions", "reviews")) {
      collectRules(GeneratedCrds.schema(plural), rules);
    }

    assertThat(rules)
        .isNotEmpty()
        .allSatisfy(
            rule -> {
              Matcher macros = LIST_MACRO.matcher(rule);
              assertThat(macros.results().count()).as(rule).isLessThanOrEqualTo(1);
            });
  }

  private static void collectRules(JSONSchemaProps schema, List<String> rules) {
    if (schema == null) {
      return;
    }
    schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).forEach(rules::add);
    schema.getProperties().values().forEach(child -> collectRules(child, rules));
    if (schema.getItems() != null) {
      collectRules(schema.getItems().getSchema(), rules);
    }
    if (schema.getAdditionalProperties() != null) {
      collectRules(schema.getAdditionalProperties().getSchema(), rules);
    }
  }
}
