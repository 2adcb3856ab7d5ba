package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.HomeStorage;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * A student's home: survives stops, roster removal and (under Retain) the Classroom's deletion, because
 * only under retainPolicy Delete does it carry an owner reference.
 */
public final class StudentHomeVolume {
  public static final String COMPONENT = "home";

  private StudentHomeVolume() {}

  public static PersistentVolumeClaim desired(Classroom classroom, Student student) {
    HomeStorage home = classroom.getSpec().environment.home;
    PersistentVolumeClaimBuilder pvc =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(StudentNames.home(classroom, student.id()))
            .withNamespace(classroom.getMetadata().getNamespace())
            .withLabels(ClassroomLabels.forStudent(classroom, COMPONENT, student.id()))
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName(home.storageClassName)
            .withNewResources()
            .withRequests(Map.of("storage", new Quantity(home.size)))
            .endResources()
            .endSpec();
    if (home.retainPolicy == RetainPolicy.Delete) {
      pvc.editMetadata().withOwnerReferences(Owners.of(classroom)).endMetadata();
    }
    return pvc.build();
  }
}
