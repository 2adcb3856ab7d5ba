package dev.tito.api.review;

import dev.tito.api.TitoGroup;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A person's grades of one student's work on one assignment (nbgrader's manual scores, extra credit and comments),
 * written by instructors, read by the operator, which counts them in the student's latest graded Submission. One per
 * student and assignment, named {@code <assignment>.<student>}, so it outlives regrades and resubmissions; a grade
 * counts while the answer it was given for is unchanged.
 */
@Group(TitoGroup.GROUP)
@Version(TitoGroup.VERSION)
@ShortNames({"rev"})
@AdditionalPrinterColumn(name = "Assignment", jsonPath = ".spec.assignment")
@AdditionalPrinterColumn(name = "Student", jsonPath = ".spec.student")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// the name makes the API server keep one Review per student and assignment, and pins both
@ValidationRule(
    value = "self.metadata.name == self.spec.assignment + '.' + self.spec.student",
    message = Review.NAME_RULE,
    reason = "FieldValueInvalid")
public class Review extends CustomResource<ReviewSpec, Void> implements Namespaced {
  public static final String NAME_RULE =
      "a Review's name must be <spec.assignment>.<spec.student>: one Review per"
          + " student and assignment";

  /** The name of the Review of a student's work on an assignment. */
  public static String name(String assignment, String student) {
    return assignment + "." + student;
  }
}
