package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** A stable in-cluster address of one student's server. */
public final class StudentService {
  public static final String COMPONENT = "jupyter-service";
  public static final String PORT_NAME = "http";

  private StudentService() {}

  public static Service desired(Classroom classroom, Student student) {
    int port = classroom.getSpec().environment.port;
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.forStudent(classroom, student.id(), StudentNames.server(classroom, student.id()), COMPONENT))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(ClassroomLabels.serverSelector(classroom, student.id()))
          .addNewPort().withName(PORT_NAME).withPort(port).withTargetPort(new IntOrString(port)).withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
