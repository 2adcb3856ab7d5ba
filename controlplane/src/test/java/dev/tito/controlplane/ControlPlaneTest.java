package dev.tito.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlPlaneTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @Test
  void theServerReportsTheVersionItWasBuiltAs() {
    assertThat(api.admin().getKubernetesVersion().getGitVersion()).matches("v1\\.\\d+\\.\\d+");
  }

  @Test
  void aPrivilegedPodIsRefusedInARestrictedNamespace() {
    assertThatThrownBy(
            () ->
                api.admin()
                    .resource(
                        new PodBuilder()
                            .withNewMetadata()
                            .withName("root")
                            .withNamespace(api.namespace())
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("c")
                            .withImage("busybox")
                            .withNewSecurityContext()
                            .withPrivileged(true)
                            .endSecurityContext()
                            .endContainer()
                            .endSpec()
                            .build())
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("violates PodSecurity \"restricted");
  }

  @Test
  void aServiceAccountHasOnlyWhatRbacGivesIt() {
    api.admin()
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("nobody")
                .withNamespace(api.namespace())
                .endMetadata()
                .build())
        .create();
    try (KubernetesClient nobody =
        new KubernetesClientBuilder()
            .withConfig(api.controlPlane().serviceAccountConfig(api.namespace(), "nobody"))
            .build()) {
      assertThatThrownBy(() -> nobody.configMaps().inNamespace(api.namespace()).list())
          .isInstanceOf(KubernetesClientException.class)
          .extracting(e -> ((KubernetesClientException) e).getCode())
          .isEqualTo(403);
    }
  }

  /** What the chart's RBAC relies on: an apply that would create the object is authorized as a create too. */
  @Test
  void aServerSideApplyThatCreatesNeedsCreateBesidesPatch() {
    api.admin()
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("applier")
                .withNamespace(api.namespace())
                .endMetadata()
                .build())
        .create();
    api.admin()
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("patch-only")
                .withNamespace(api.namespace())
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("patch")
                .endRule()
                .build())
        .create();
    api.admin()
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("applier")
                .withNamespace(api.namespace())
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("patch-only")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("applier")
                .withNamespace(api.namespace())
                .endSubject()
                .build())
        .create();

    try (KubernetesClient applier =
        new KubernetesClientBuilder()
            .withConfig(api.controlPlane().serviceAccountConfig(api.namespace(), "applier"))
            .build()) {
      assertThatThrownBy(
              () ->
                  applier
                      .resource(
                          new ConfigMapBuilder()
                              .withNewMetadata()
                              .withName("new")
                              .withNamespace(api.namespace())
                              .endMetadata()
                              .build())
                      .fieldManager("test")
                      .serverSideApply())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("cannot create resource");
    }
  }

  @Test
  void theJobControllerCreatesAJobsPod() {
    api.admin()
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("once")
                .withNamespace(api.namespace())
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .addToDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    assertThat(
            api.admin()
                .pods()
                .inNamespace(api.namespace())
                .withLabel("job-name", "once")
                .informOnCondition(pods -> !pods.isEmpty())
                .orTimeout(RealApiServer.patience().toSeconds(), TimeUnit.SECONDS)
                .join())
        .hasSize(1);
  }

  @Test
  void theAuditLogRecordsWhoAskedForWhat() throws IOException {
    api.admin().configMaps().inNamespace(api.namespace()).list();

    assertThat(Files.readString(api.controlPlane().auditLog()))
        .contains(
            "\"username\":\"" + ControlPlane.ADMIN + "\"",
            "\"namespace\":\"" + api.namespace() + "\"");
  }
}
