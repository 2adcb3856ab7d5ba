package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * The identity a student's server acts as towards the API server (tito submit); its token is projected into the
 * jupyter container alone, so the account itself never auto-mounts one.
 */
public final class StudentServiceAccount {
  public static final String COMPONENT = "student-account";

  private StudentServiceAccount() {}

  public static ServiceAccount desired(Classroom classroom, Student student) {
    return new ServiceAccountBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom,
                student.id(),
                StudentNames.serviceAccount(classroom, student.id()),
                COMPONENT))
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
