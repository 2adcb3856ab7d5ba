package dev.tito.notebook.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReviewJsonTest {
  private static final ManualGrade ESSAY =
      new ManualGrade(
          "p1",
          "essay",
          1.5,
          null,
          "<b>good</b>",
          2.0,
          "sha256:a",
          "alice",
          "2025-01-01T00:00:00Z");

  @Test
  void aReviewRoundTripsAndReplacesAGradeOfTheSameCell() {
    Review review =
        Review.empty("m1", "ada")
            .with(ESSAY)
            .with(
                new ManualGrade(
                    "p1", "essay", 2.0, 1.0, null, 2.0, "sha256:a", "bob", "2025-01-02T00:00:00Z"));

    Review read = ReviewJson.read(ReviewJson.toBytes(review), "ada.json", "m1", "ada");

    assertThat(read).isEqualTo(review);
    assertThat(read.grades()).singleElement().extracting(ManualGrade::gradedBy).isEqualTo("bob");
    assertThat(
            new String(
                ReviewJson.toBytes(Review.empty("m1", "ada").with(ESSAY)), StandardCharsets.UTF_8))
        .contains("\"grade_id\" : \"essay\"")
        .doesNotContain("extra_credit");
  }

  @Test
  void aHandEditedReviewThatBreaksTheRulesIsNamedNotBelieved() {
    String good =
        new String(
            ReviewJson.toBytes(Review.empty("m1", "ada").with(ESSAY)), StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                ReviewJson.read(
                    good.replace("1.5", "7.5").getBytes(StandardCharsets.UTF_8),
                    "ada.json",
                    "m1",
                    "ada"))
        .hasMessage("ada.json: score 7.5 is above the cell's 2.0 points");
    assertThatThrownBy(
            () -> ReviewJson.read(good.getBytes(StandardCharsets.UTF_8), "ada.json", "m1", "bob"))
        .hasMessage("ada.json: review is for m1/ada, expected m1/bob");
    assertThatThrownBy(
            () ->
                ReviewJson.read(
                    good.replace("\"score\"", "\"points\"").getBytes(StandardCharsets.UTF_8),
                    "ada.json",
                    "m1",
                    "ada"))
        .hasMessageStartingWith(
            "ada.json: not a review: Missing required creator property 'score'");
    assertThatThrownBy(
            () ->
                ReviewJson.read(
                    "{\"schema_version\": 2}".getBytes(StandardCharsets.UTF_8),
                    "ada.json",
                    "m1",
                    "ada"))
        .hasMessageStartingWith("ada.json: not a review");
  }
}
