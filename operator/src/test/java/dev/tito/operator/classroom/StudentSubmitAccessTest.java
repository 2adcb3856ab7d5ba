package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentSubmitAccessTest extends OperatorOnMockServer {

  @Test
  void eachStudentGetsAnAccountThatMayOnlySubmitAndReadItsOwnResults() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "ml", "ada"));

    ServiceAccount account =
        Eventually.until(
            "ada's ServiceAccount",
            () -> client.serviceAccounts().inNamespace(ns).withName("ml-ada").get(),
            a -> true);
    Role role =
        Eventually.until(
            "ada's Role",
            () -> client.rbac().roles().inNamespace(ns).withName("ml-ada-student").get(),
            r -> true);
    RoleBinding binding =
        Eventually.until(
            "ada's RoleBinding",
            () -> client.rbac().roleBindings().inNamespace(ns).withName("ml-ada-student").get(),
            b -> true);

    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(account.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("ml"));
    assertThat(role.getRules())
        .extracting(StudentSubmitAccessTest::describe)
        .containsExactlyInAnyOrder(
            "tito.dev/submissions [create] []",
            "/configmaps [create] []",
            "/configmaps [get, watch] [ml-ada-results]");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("ml-ada-student");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("ml-ada");
              assertThat(s.getNamespace()).isEqualTo(ns);
            });
    assertThat(classroom.getMetadata().getName()).isEqualTo("ml");
  }

  @Test
  void theServerRunsAsTheStudentWithAShortLivedTokenInTheJupyterContainerOnly() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "tok", "ada"));
    StatefulSet server = Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);
    PodSpec pod = server.getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("tok-ada");
    assertThat(pod.getAutomountServiceAccountToken())
        .as("no token in containers that did not ask for one")
        .isFalse();
    Volume api =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(StudentServer.API_ACCESS_VOLUME))
            .findFirst()
            .orElseThrow();
    List<VolumeProjection> sources = api.getProjected().getSources();
    assertThat(sources.get(0).getServiceAccountToken().getExpirationSeconds()).isEqualTo(3600L);
    assertThat(sources.get(0).getServiceAccountToken().getPath()).isEqualTo("token");
    assertThat(sources.get(0).getServiceAccountToken().getAudience())
        .as("the API server's own audience")
        .isNull();
    assertThat(sources.get(1).getConfigMap().getName()).isEqualTo("kube-root-ca.crt");
    assertThat(sources.get(1).getConfigMap().getItems())
        .singleElement()
        .satisfies(i -> assertThat(i.getPath()).isEqualTo("ca.crt"));
    assertThat(sources.get(2).getDownwardAPI().getItems())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getPath()).isEqualTo("namespace");
              assertThat(i.getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
            });
    Container jupyter = pod.getContainers().get(0);
    assertThat(jupyter.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo(StudentServer.API_ACCESS_VOLUME);
              assertThat(m.getMountPath())
                  .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(jupyter.getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .contains("TITO_STUDENT=ada", "TITO_CLASSROOM=tok");
  }

  @Test
  void aStudentLeavingTheRosterLosesTheAccountAndItsRights() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "bye", "ada", "grace"));
    Eventually.until(
        "ada's RoleBinding",
        () -> client.rbac().roleBindings().inNamespace(ns).withName("bye-ada-student").get(),
        b -> true);

    edit(classroom, edited -> edited.getSpec().roster.students.removeIf(s -> s.id.equals("ada")));

    Eventually.until(
        "ada's account, Role and RoleBinding removed",
        () ->
            client.serviceAccounts().inNamespace(ns).withName("bye-ada").get() == null
                && client.rbac().roles().inNamespace(ns).withName("bye-ada-student").get() == null
                && client.rbac().roleBindings().inNamespace(ns).withName("bye-ada-student").get()
                    == null,
        gone -> gone);
    assertThat(client.serviceAccounts().inNamespace(ns).withName("bye-grace").get()).isNotNull();
    assertThat(client.rbac().roles().inNamespace(ns).withName("bye-grace-student").get())
        .isNotNull();
  }

  private static String describe(PolicyRule rule) {
    return String.join(",", rule.getApiGroups())
        + "/"
        + String.join(",", rule.getResources())
        + " "
        + rule.getVerbs()
        + " "
        + rule.getResourceNames();
  }
}
