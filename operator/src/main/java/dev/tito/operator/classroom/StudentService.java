package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * A stable in-cluster name of one student's server. Headless: a cluster IP per student would exhaust a managed
 * cluster's service range (4,096 addresses in a /20) at a few thousand students; DNS and Ingress reach the pod directly.
 */
public final class StudentService {
  public static final String COMPONENT = "jupyter-service";
  public static final String PORT_NAME = "http";
  private static final String HEADLESS = "None";

  private StudentService() {}

  public static Service desired(Classroom classroom, Student student) {
    int port = classroom.getSpec().environment.port;
    return new ServiceBuilder()
        .withMetadata(
            ChildMetadata.forStudent(
                classroom, student.id(), StudentNames.server(classroom, student.id()), COMPONENT))
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP(HEADLESS)
        .withSelector(ClassroomLabels.serverSelector(classroom, student.id()))
        .addNewPort()
        .withName(PORT_NAME)
        .withPort(port)
        .withTargetPort(new IntOrString(port))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  /** Whether an existing Service must be deleted and created anew: a cluster IP cannot be changed in place. */
  public static boolean mustBeReplaced(Service existing) {
    return existing != null
        && existing.getSpec() != null
        && existing.getSpec().getClusterIP() != null
        && !HEADLESS.equals(existing.getSpec().getClusterIP());
  }
}
