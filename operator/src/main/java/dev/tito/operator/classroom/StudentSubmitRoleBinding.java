package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/** Grants the student's ServiceAccount its {@link StudentSubmitRole}. */
public final class StudentSubmitRoleBinding {
  public static final String COMPONENT = "student-role-binding";

  private StudentSubmitRoleBinding() {}

  public static RoleBinding desired(Classroom classroom, Student student) {
    String namespace = classroom.getMetadata().getNamespace();
    return new RoleBindingBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom,
                student.id(),
                StudentNames.submitRole(classroom, student.id()),
                COMPONENT))
        .withNewRoleRef(
            "rbac.authorization.k8s.io", "Role", StudentNames.submitRole(classroom, student.id()))
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(StudentNames.serviceAccount(classroom, student.id()))
        .withNamespace(namespace)
        .endSubject()
        .build();
  }
}
