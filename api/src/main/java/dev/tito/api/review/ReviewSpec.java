package dev.tito.api.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tito.api.KeyedList;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Whose work, and the grades of its cells. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// one grade per cell: the API server refuses a second one for the same notebook and grade_id
@SchemaCustomizer(value = KeyedList.class, input = "grades:notebook,gradeId")
public class ReviewSpec {
  @Required
  @JsonPropertyDescription("Name of the Assignment (same namespace).")
  public String assignment;

  @Required
  @JsonPropertyDescription("Student id on the Classroom's roster.")
  public String student;

  @Size(max = 1000)
  @JsonPropertyDescription("A person's grade of each cell they graded.")
  public List<ReviewGrade> grades = new ArrayList<>();
}
