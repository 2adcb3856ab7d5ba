package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tito.api.KeyedList;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The class list: inline for small classes, a ConfigMap CSV (header {@code id[,name,email]}) for large ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.students) && size(self.students) > 0 && has(self.configMapRef))",
    message = "give the roster either inline students or a configMapRef, not both",
    reason = "FieldValueForbidden")
// students keyed by id: the API server refuses a duplicate id itself, at no CEL cost (a CEL rule
// comparing every
// pair hit the cost limit at 450 students)
@SchemaCustomizer(value = KeyedList.class, input = "students:id")
public class Roster {
  @Size(max = 500)
  @JsonPropertyDescription(
      "Students listed inline (up to 500; use configMapRef for larger classes).")
  public List<RosterStudent> students = new ArrayList<>();

  @JsonPropertyDescription(
      "A ConfigMap key holding the roster as CSV with a header row: id[,name,email].")
  public ConfigMapKey configMapRef;
}
