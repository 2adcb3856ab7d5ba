package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Name, namespace, labels and owner of one student's child object: the metadata every per-student child shares. */
public final class ChildMetadata {
  private ChildMetadata() {}

  public static ObjectMeta forStudent(
      Classroom classroom, String studentId, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(ClassroomLabels.forStudent(classroom, component, studentId))
        .withOwnerReferences(Owners.of(classroom))
        .build();
  }
}
