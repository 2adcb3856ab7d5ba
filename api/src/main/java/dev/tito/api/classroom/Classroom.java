package dev.tito.api.classroom;

import dev.tito.api.ObjectNames;
import dev.tito.api.TitoGroup;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A class of students who each get the same persistent Jupyter environment. */
@Group(TitoGroup.GROUP)
@Version(TitoGroup.VERSION)
@ShortNames({"room", "rooms"})
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Students",
    jsonPath = ".status.total",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Stopped",
    jsonPath = ".status.stopped",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// checked on create only: a name never changes, and a Classroom an older CRD admitted must keep its
// status writable
@ValidationRule(
    value =
        "oldSelf.hasValue() || (size(self.metadata.name) <= "
            + Classroom.MAX_NAME_LENGTH
            + " && self.metadata.name.matches('"
            + ObjectNames.DNS_1035_LABEL
            + "'))",
    optionalOldSelf = true,
    message = Classroom.NAME_RULE,
    reason = "FieldValueInvalid")
public class Classroom extends CustomResource<ClassroomSpec, ClassroomStatus>
    implements Namespaced {
  /** Each student's StatefulSet is {@code <classroom>-<student>}: 30 characters leave 21 for student ids. */
  public static final int MAX_NAME_LENGTH = 30;

  public static final String NAME_RULE =
      "a Classroom's name must be a DNS-1035 label (lower-case letters, digits, '-',"
          + " starting with a letter) of at most "
          + MAX_NAME_LENGTH
          + " characters: it names each student's Service and"
          + " StatefulSet <classroom>-<student> (at most "
          + ObjectNames.MAX_STATEFUL_SET_NAME
          + " characters)";
}
