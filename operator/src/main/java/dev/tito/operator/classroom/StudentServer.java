package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.Environment;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A student's Jupyter server: a StatefulSet of 0 or 1 replicas with the OnDelete update strategy, so a
 * changed image or resources never kills a running session; the new template applies at the next start.
 */
public final class StudentServer {
  public static final String HOME_VOLUME = "home";
  public static final String API_ACCESS_VOLUME = "kube-api-access";

  /** Where Kubernetes clients (Fabric8, kubectl, the Python client) look for the in-cluster credentials. */
  public static final String API_ACCESS_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** The kubelet refreshes the projected token well before this; a leaked one is useless after an hour. */
  static final long TOKEN_SECONDS = 3600;

  private StudentServer() {}

  /**
   * The StatefulSet running {@code template} (whose digest is {@code templateHash}) as {@code state} says.
   */
  public static StatefulSet desired(
      Classroom classroom,
      Student student,
      PodTemplateSpec template,
      String templateHash,
      ServerState state) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ServerState.TEMPLATE_HASH, templateHash);
    if (state.running()) {
      annotations.put(ServerState.STARTED_TEMPLATE, state.startedTemplate());
    } else {
      annotations.put(ServerState.STOP_REASON, state.stopReason());
      if (state.lastActivity() != null) {
        annotations.put(ServerState.LAST_ACTIVITY, state.lastActivity());
      }
    }
    String name = StudentNames.server(classroom, student.id());
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(
            ClassroomLabels.forStudent(classroom, ClassroomLabels.SERVER_COMPONENT, student.id()))
        .withAnnotations(annotations)
        .withOwnerReferences(Owners.of(classroom))
        .endMetadata()
        .withNewSpec()
        .withReplicas(state.running() ? 1 : 0)
        .withServiceName(name)
        .withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy()
        .withType("OnDelete")
        .endUpdateStrategy()
        .withNewSelector()
        .withMatchLabels(ClassroomLabels.serverSelector(classroom, student.id()))
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  /**
   * The pod every start of this student's server runs: restricted pod security, the student's ServiceAccount with
   * its token projected into the jupyter container only (not auto-mounted into every container), and
   * {@code priorityClass} (null: the cluster's default) so servers outrank capacity placeholders.
   */
  public static PodTemplateSpec template(
      Classroom classroom, Student student, String priorityClass) {
    Environment env = classroom.getSpec().environment;
    Map<String, String> labels =
        ClassroomLabels.forStudent(classroom, ClassroomLabels.SERVER_COMPONENT, student.id());
    String basePath = StudentIngress.basePath(classroom, student);
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(StudentNames.serviceAccount(classroom, student.id()))
        .withAutomountServiceAccountToken(false)
        // a namespace with thousands of Services would otherwise put thousands of variables in
        // every pod
        .withEnableServiceLinks(false)
        .withPriorityClassName(priorityClass)
        .withSecurityContext(podSecurity(env))
        .withContainers(container(classroom, student, env, basePath))
        .addNewVolume()
        .withName(HOME_VOLUME)
        .withNewPersistentVolumeClaim()
        .withClaimName(StudentNames.home(classroom, student.id()))
        .endPersistentVolumeClaim()
        .endVolume()
        .addNewVolume()
        .withName(API_ACCESS_VOLUME)
        .withNewProjected()
        .addNewSource()
        .withNewServiceAccountToken()
        .withPath("token")
        .withExpirationSeconds(TOKEN_SECONDS)
        .endServiceAccountToken()
        .endSource()
        .addNewSource()
        .withNewConfigMap()
        .withName("kube-root-ca.crt")
        .addNewItem()
        .withKey("ca.crt")
        .withPath("ca.crt")
        .endItem()
        .endConfigMap()
        .endSource()
        .addNewSource()
        .withNewDownwardAPI()
        .addNewItem()
        .withPath("namespace")
        .withNewFieldRef()
        .withFieldPath("metadata.namespace")
        .endFieldRef()
        .endItem()
        .endDownwardAPI()
        .endSource()
        .endProjected()
        .endVolume()
        .endSpec()
        .build();
  }

  /** The server pod's user and group, which every pod writing the student's home shares (delivery Jobs). */
  public static PodSecurityContext podSecurity(Environment env) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(env.runAsUser)
        .withFsGroup(env.fsGroup)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static Container container(
      Classroom classroom, Student student, Environment env, String basePath) {
    List<EnvVar> vars = new ArrayList<>();
    vars.add(
        new EnvVarBuilder()
            .withName("JUPYTER_TOKEN")
            .withNewValueFrom()
            .withNewSecretKeyRef(
                StudentAccessToken.KEY, StudentNames.token(classroom, student.id()), false)
            .endValueFrom()
            .build());
    vars.add(new EnvVar("TITO_STUDENT", student.id(), null));
    vars.add(new EnvVar("TITO_CLASSROOM", classroom.getMetadata().getName(), null));
    vars.addAll(env.env);
    return new ContainerBuilder()
        .withName("jupyter")
        .withImage(env.image)
        .withArgs(
            "jupyter",
            "lab",
            "--ip=0.0.0.0",
            "--port=" + env.port,
            "--no-browser",
            "--ServerApp.base_url=" + basePath,
            "--ServerApp.root_dir=" + env.workingDir)
        .withWorkingDir(env.workingDir)
        .withEnv(vars)
        .withResources(env.resources == null ? new ResourceRequirements() : env.resources)
        .addNewPort()
        .withName(StudentService.PORT_NAME)
        .withContainerPort(env.port)
        .withProtocol("TCP")
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath(basePath + "api")
        .withPort(new IntOrString(env.port))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName(HOME_VOLUME)
        .withMountPath(env.workingDir)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(API_ACCESS_VOLUME)
        .withMountPath(API_ACCESS_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .build();
  }
}
