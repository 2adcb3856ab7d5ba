package dev.tito.operator.classroom;

import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

/** A per-student path on the class's host: {@code <pathPrefix>/<classroom>/<student>/}. */
public final class StudentIngress {
  public static final String COMPONENT = "jupyter-ingress";

  private StudentIngress() {}

  public static boolean enabled(Classroom classroom) {
    Access access = classroom.getSpec().access;
    return access != null && Boolean.TRUE.equals(access.ingress);
  }

  /** The URL path the student's server is served under; the server's base_url. */
  public static String basePath(Classroom classroom, Student student) {
    Access access = classroom.getSpec().access;
    String prefix = access == null || access.pathPrefix == null ? "/user" : access.pathPrefix;
    return prefix + "/" + classroom.getMetadata().getName() + "/" + student.id() + "/";
  }

  public static Ingress desired(Classroom classroom, Student student) {
    Access access = classroom.getSpec().access;
    String name = StudentNames.server(classroom, student.id());
    IngressBuilder ingress =
        new IngressBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(classroom.getMetadata().getNamespace())
            .withLabels(ClassroomLabels.forStudent(classroom, COMPONENT, student.id()))
            .withOwnerReferences(Owners.of(classroom))
            .endMetadata()
            .withNewSpec()
            .withIngressClassName(access.ingressClassName)
            .addNewRule()
            .withHost(access.host)
            .withNewHttp()
            .addNewPath()
            .withPath(basePath(classroom, student))
            .withPathType("Prefix")
            .withNewBackend()
            .withNewService()
            .withName(name)
            .withNewPort()
            .withName(StudentService.PORT_NAME)
            .endPort()
            .endService()
            .endBackend()
            .endPath()
            .endHttp()
            .endRule()
            .endSpec();
    if (access.tlsSecretName != null && access.host != null) {
      ingress
          .editSpec()
          .addNewTl()
          .withHosts(access.host)
          .withSecretName(access.tlsSecretName)
          .endTl()
          .endSpec();
    }
    return ingress.build();
  }
}
