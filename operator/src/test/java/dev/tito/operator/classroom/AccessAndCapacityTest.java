package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Capacity;
import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessAndCapacityTest extends OperatorOnMockServer {

  @Test
  void eachStudentGetsAnIngressPathThatIsAlsoTheServersBaseUrl() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "web", "ada");
    spec.getSpec().access = new Access();
    spec.getSpec().access.ingress = true;
    spec.getSpec().access.ingressClassName = "nginx";
    spec.getSpec().access.host = "jupyter.example.org";
    spec.getSpec().access.tlsSecretName = "jupyter-tls";
    Classroom classroom = create(spec);

    Ingress ingress =
        Eventually.until(
            "ingress",
            () -> client.network().v1().ingresses().inNamespace(ns).withName("web-ada").get(),
            i -> true);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getHost()).isEqualTo("jupyter.example.org");
              HTTPIngressPath path = rule.getHttp().getPaths().get(0);
              assertThat(path.getPath()).isEqualTo("/user/web/ada/");
              assertThat(path.getBackend().getService().getName()).isEqualTo("web-ada");
            });
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("jupyter-tls"));
    // children are written concurrently: the Ingress may land before the server
    assertThat(
            Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs())
        .contains("--ServerApp.base_url=/user/web/ada/");

    edit(classroom, edited -> edited.getSpec().access.ingress = false);
    Eventually.until(
        "ingress removed",
        () -> client.network().v1().ingresses().inNamespace(ns).withName("web-ada").get() == null,
        gone -> gone);
  }

  @Test
  void placeholdersHoldRoomAtALowPriorityAndPrePullCanBeTurnedOff() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "cap", "ada");
    spec.getSpec().capacity = new Capacity();
    spec.getSpec().capacity.placeholders = 5;
    spec.getSpec().capacity.prePull = false;
    spec.getSpec().environment.resources =
        new ResourceRequirementsBuilder()
            .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi")))
            .build();
    Classroom classroom = create(spec);

    Deployment placeholders =
        Eventually.until(
            "placeholders",
            () -> client.apps().deployments().inNamespace(ns).withName("cap-placeholder").get(),
            d -> true);
    assertThat(placeholders.getSpec().getReplicas()).isEqualTo(5);
    assertThat(placeholders.getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo(PlaceholderPriorityClass.NAME);
    assertThat(
            placeholders
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getRequests())
        .containsEntry("memory", new Quantity("1Gi"));
    PriorityClass priority =
        client.scheduling().v1().priorityClasses().withName(PlaceholderPriorityClass.NAME).get();
    assertThat(priority.getValue()).isNegative();
    assertThat(priority.getPreemptionPolicy()).isEqualTo("Never");
    statusWhere(classroom, "provisioned", c -> c.getStatus().total == 1);
    assertThat(client.apps().daemonSets().inNamespace(ns).withName("cap-prepull").get()).isNull();

    edit(classroom, edited -> edited.getSpec().capacity.placeholders = 0);
    Eventually.until(
        "placeholders removed",
        () -> client.apps().deployments().inNamespace(ns).withName("cap-placeholder").get() == null,
        gone -> gone);
  }
}
