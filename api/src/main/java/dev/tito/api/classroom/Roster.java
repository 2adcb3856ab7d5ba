package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The class list: inline for small classes, a ConfigMap CSV (header {@code id[,name,email]}) for large ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.students) && size(self.students) > 0 && has(self.configMapRef))",
    message = "give the roster either inline students or a configMapRef, not both", reason = "FieldValueForbidden")
public class Roster {
  @Size(max = 500)
  @ValidationRule(value = "self.all(s, self.exists_one(t, t.id == s.id))",
      message = "student ids must be unique", reason = "FieldValueDuplicate")
  @JsonPropertyDescription("Students listed inline (up to 500; use configMapRef for larger classes).")
  public List<RosterStudent> students = new ArrayList<>();

  @JsonPropertyDescription("A ConfigMap key holding the roster as CSV with a header row: id[,name,email].")
  public ConfigMapKey configMapRef;
}
