package dev.tito.operator.classroom;

import dev.tito.api.TitoGroup;
import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * What a student's server may do: hand in (create a Submission and the ConfigMap of its files) and read its own
 * results ConfigMap. Whose name a Submission or ConfigMap may carry is the admission policy's check.
 */
public final class StudentSubmitRole {
  public static final String COMPONENT = "student-role";

  private StudentSubmitRole() {}

  public static Role desired(Classroom classroom, Student student) {
    return new RoleBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom,
                student.id(),
                StudentNames.submitRole(classroom, student.id()),
                COMPONENT))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups(TitoGroup.GROUP)
                .withResources("submissions")
                .withVerbs("create")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("create")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("configmaps")
                .withResourceNames(StudentNames.results(classroom, student.id()))
                .withVerbs("get", "watch")
                .build())
        .build();
  }
}
