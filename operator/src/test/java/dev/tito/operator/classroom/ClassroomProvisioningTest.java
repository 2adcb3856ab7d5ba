package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassroomProvisioningTest extends OperatorOnMockServer {

  @Test
  void everyStudentGetsHomeServerServiceAndTokenAndTheClassBecomesReady() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "ml101", "ada", "grace", "linus"));

    Classroom provisioned =
        statusWhere(classroom, "3 students provisioned", c -> c.getStatus().total == 3);
    assertThat(provisioned.getStatus().pending).isEqualTo(3);
    assertThat(condition(provisioned, "Ready").getReason()).isEqualTo("ServersStarting");
    for (String student : List.of("ada", "grace", "linus")) {
      StatefulSet server =
          Eventually.until("server of " + student, () -> serverOf(classroom, student), s -> true);
      assertThat(server.getSpec().getReplicas()).isEqualTo(1);
      assertThat(server.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
      assertThat(
              client
                  .persistentVolumeClaims()
                  .inNamespace(ns)
                  .withName("home-ml101-" + student)
                  .get())
          .isNotNull();
      assertThat(client.services().inNamespace(ns).withName("ml101-" + student).get()).isNotNull();
      Secret token = client.secrets().inNamespace(ns).withName("ml101-" + student + "-token").get();
      assertThat(StudentAccessToken.read(token)).hasSize(48);
    }
    assertThat(
            client.network().v1().networkPolicies().inNamespace(ns).withName("ml101-servers").get())
        .isNotNull();
    assertThat(
            client
                .apps()
                .daemonSets()
                .inNamespace(ns)
                .withName("ml101-prepull")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getInitContainers()
                .get(0)
                .getImage())
        .isEqualTo(IMAGE);

    for (String student : List.of("ada", "grace", "linus")) {
      markReady(serverOf(classroom, student));
    }
    Classroom ready = statusWhere(classroom, "all ready", c -> c.getStatus().ready == 3);
    assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(ready, "Ready").getReason()).isEqualTo("AllServersReady");
    assertThat(condition(ready, "Ready").getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(condition(ready, "Ready").getLastTransitionTime()).isNotBlank();
  }

  @Test
  void serversRunTheClassImageAsNonRootWithoutPrivilegesOrAutoMountedToken() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "sec", "ada"));
    StatefulSet server = Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);
    PodSpec pod = server.getSpec().getTemplate().getSpec();
    Container jupyter = pod.getContainers().get(0);

    assertThat(jupyter.getImage()).isEqualTo(IMAGE);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(jupyter.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(jupyter.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(jupyter.getWorkingDir()).isEqualTo("/home/jovyan");
    assertThat(jupyter.getVolumeMounts().get(0).getMountPath()).isEqualTo("/home/jovyan");
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("home-sec-ada");
    assertThat(jupyter.getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("JUPYTER_TOKEN");
              assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sec-ada-token");
            });
  }

  @Test
  void studentsCannotReachEachOthersServers() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "net", "ada");
    spec.getSpec().network = new dev.tito.api.classroom.Network();
    spec.getSpec().network.egress = dev.tito.api.classroom.EgressMode.DNSOnly;
    spec.getSpec().network.allowedCIDRs.add("10.1.2.0/24");
    Classroom classroom = create(spec);

    NetworkPolicy policy =
        Eventually.until(
            "network policy",
            () ->
                client
                    .network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(ns)
                    .withName("net-servers")
                    .get(),
            p -> true);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry(ClassroomLabels.CLASSROOM, "net");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    // the only peers allowed in are the operator's and the gateway's pods: no rule admits other
    // student pods
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom())
                    .extracting(
                        peer ->
                            peer.getPodSelector()
                                .getMatchLabels()
                                .get(ClassroomNetworkPolicy.OPERATOR_POD_LABEL))
                    .containsExactly(
                        ClassroomNetworkPolicy.OPERATOR_POD_VALUE,
                        ClassroomNetworkPolicy.GATEWAY_POD_VALUE));
    assertThat(policy.getSpec().getEgress()).hasSize(2);
    assertThat(policy.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getCidr())
        .isEqualTo("10.1.2.0/24");
    assertThat(current(classroom)).isNotNull();
  }

  @Test
  void nothingIsWrittenWhenNothingChanged() throws InterruptedException {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "idle", "ada", "grace"));
    statusWhere(classroom, "provisioned", c -> c.getStatus().total == 2);
    markReady(serverOf(classroom, "ada"));
    markReady(serverOf(classroom, "grace"));
    statusWhere(classroom, "ready", c -> c.getStatus().ready == 2);
    Thread.sleep(500);
    drainRequests();

    // a status change of one server wakes the reconciler, which finds nothing to write
    StatefulSet ada = serverOf(classroom, "ada");
    ada.getStatus().setObservedGeneration(7L);
    client.resource(ada).updateStatus();
    Thread.sleep(1000);

    List<String> writes = new ArrayList<>();
    for (RecordedRequest request : drainRequests()) {
      if (!request.getMethod().equals("GET")
          && !request.getPath().contains("/statefulsets/idle-ada/status")) {
        writes.add(request.getMethod() + " " + request.getPath());
      }
    }
    assertThat(writes).isEmpty();
  }
}
