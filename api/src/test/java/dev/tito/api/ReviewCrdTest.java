package dev.tito.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.review.Review;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the API server does with a Review, read from the generated CRD and its rules evaluated with CEL. */
class ReviewCrdTest {
  @Test
  void oneReviewPerStudentAndAssignmentNamedAfterBoth() {
    ValidationRule name = GeneratedCrds.schema("reviews").getXKubernetesValidations().get(0);

    assertThat(CelRules.passes(name, review("tensor.ada", "tensor", "ada"), Optional.empty()))
        .isTrue();
    assertThat(CelRules.passes(name, review("tensor.ada", "tensor", "ben"), Optional.empty()))
        .isFalse();
    assertThat(CelRules.passes(name, review("tensor-ada", "tensor", "ada"), Optional.empty()))
        .isFalse();
    assertThat(name.getMessage()).isEqualTo(Review.NAME_RULE);
    assertThat(Review.name("tensor", "ada")).isEqualTo("tensor.ada");
  }

  @Test
  void aCellHasOneGradeAtMostAndItsScoreStaysWithinItsPoints() {
    JSONSchemaProps grades = GeneratedCrds.at(GeneratedCrds.schema("reviews"), "spec.grades");
    ValidationRule withinPoints = grades.getItems().getSchema().getXKubernetesValidations().get(0);

    assertThat(grades.getXKubernetesListType()).isEqualTo("map");
    assertThat(grades.getXKubernetesListMapKeys()).containsExactly("notebook", "gradeId");
    assertThat(GeneratedCrds.at(grades, "[].score").getMinimum()).isEqualTo(0.0);
    assertThat(GeneratedCrds.at(grades, "[].extraCredit").getMinimum()).isEqualTo(0.0);
    assertThat(GeneratedCrds.at(grades, "[].comment").getMaxLength()).isEqualTo(10_000L);
    assertThat(
            CelRules.passes(withinPoints, Map.of("score", 2.0, "maxScore", 2.0), Optional.empty()))
        .isTrue();
    assertThat(
            CelRules.passes(withinPoints, Map.of("score", 2.5, "maxScore", 2.0), Optional.empty()))
        .isFalse();
  }

  private static Map<String, Object> review(String name, String assignment, String student) {
    return Map.of(
        "metadata",
        Map.of("name", name),
        "spec",
        Map.of("assignment", assignment, "student", student));
  }
}
