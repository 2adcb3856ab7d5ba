package dev.tito.api.assignment;

import dev.tito.api.ObjectNames;
import dev.tito.api.TitoGroup;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One module of the course released to a Classroom and graded there. */
@Group(TitoGroup.GROUP)
@Version(TitoGroup.VERSION)
@ShortNames({"asg"})
@AdditionalPrinterColumn(name = "Classroom", jsonPath = ".spec.classroom")
@AdditionalPrinterColumn(
    name = "Due",
    jsonPath = ".spec.dueAt",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Points",
    jsonPath = ".status.maxPoints",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Graded",
    jsonPath = ".status.submissions.graded",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// checked on create only: a name never changes, and an Assignment an older CRD admitted must keep
// its status writable
@ValidationRule(
    value = "oldSelf.hasValue() || size(self.metadata.name) <= " + ObjectNames.MAX_LABEL_VALUE,
    optionalOldSelf = true,
    message = Assignment.NAME_RULE,
    reason = "FieldValueInvalid")
public class Assignment extends CustomResource<AssignmentSpec, AssignmentStatus>
    implements Namespaced {
  public static final String NAME_RULE =
      "an Assignment's name must be at most "
          + ObjectNames.MAX_LABEL_VALUE
          + " characters: it is the value of the tito.dev/assignment label on its release ConfigMaps, delivery and grading Jobs";
}
