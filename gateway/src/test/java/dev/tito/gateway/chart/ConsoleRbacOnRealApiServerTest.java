package dev.tito.gateway.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.console.course.ClusterCourse;
import dev.tito.console.web.Pages;
import dev.tito.console.web.WebRequest;
import dev.tito.console.web.WebResponse;
import dev.tito.controlplane.Eventually;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.classroom.ServerState;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's console account on a real API server with RBAC and the admission policies: the console's own code, run
 * as that account, reads the class, records grace's grade as a Review, asks for a regrade round and a server's start;
 * Secrets, deletes, another namespace, a server's image and an Assignment's due date are refused.
 */
class ConsoleRbacOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @Test
  void theConsolesAccountDoesTheConsolesWorkInTheClassNamespaceAndNothingElse() throws Exception {
    String system = api.createNamespace("tito-cs");
    String course = api.namespace();
    String other = api.createNamespace("other-cs");
    GatewayRbacOnRealApiServerTest.installWithTheGateway(
            api.controlPlane().adminKubeconfig(), system, course)
        .set("console.enabled", true)
        // the test plays the operator and writes a graded Submission's status, which the policy
        // keeps to it
        .set("submissionPolicy.enabled", false)
        .call();
    classWithAdasGradedHandIn(course);
    api.admin()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ml-ben-token")
                .withNamespace(other)
                .endMetadata()
                .addToStringData("token", "ben-token")
                .build())
        .create();

    try (KubernetesClient console =
            new KubernetesClientBuilder()
                .withConfig(
                    api.controlPlane().serviceAccountConfig(system, "tito-tito-operator-console"))
                .build();
        ClusterCourse namespace = new ClusterCourse(console, course, Clock.systemUTC())) {
      ClusterCourse ml = namespace.classroom("ml");
      Eventually.holds(
          () -> ml.grades().stream().anyMatch(m -> !m.results().isEmpty()), "the console's watch");
      Pages pages = new Pages(ml, Clock.systemUTC(), null);

      WebResponse submission =
          pages.handle(as(WebRequest.of("GET", "/submission/tensor/ada", null, null)));
      WebResponse graded =
          pages.handle(
              as(
                  WebRequest.of(
                      "POST",
                      "/grade/tensor/ada",
                      null,
                      "notebook=01_tensor&cell=explain&seen=&score=2")));
      WebResponse regrade =
          pages.handle(as(WebRequest.of("POST", "/regrade", null, "module=tensor")));
      WebResponse start =
          pages.handle(as(WebRequest.of("POST", "/start", null, "classroom=ml&student=ada")));

      assertThat(submission.status()).as(submission.text()).isEqualTo(200);
      assertThat(submission.text()).contains(GradedSubmissions.ANSWER);
      assertThat(graded.status()).as(graded.text()).isEqualTo(303);
      assertThat(
              api.admin()
                  .resources(Review.class)
                  .inNamespace(course)
                  .withName("tensor.ada")
                  .get()
                  .getSpec()
                  .grades)
          .singleElement()
          .satisfies(g -> assertThat(g.gradedBy).isEqualTo("grace@example.edu"));
      assertThat(regrade.status()).as(regrade.text()).isEqualTo(303);
      assertThat(
              api.admin()
                  .resources(Assignment.class)
                  .inNamespace(course)
                  .withName("tensor")
                  .get()
                  .getSpec()
                  .regrade)
          .isEqualTo(1);
      assertThat(start.status()).as(start.text()).isEqualTo(303);
      assertThat(server(course).getMetadata().getAnnotations())
          .containsKey(ServerState.START_REQUEST);

      assertThat(
              Eventually.refused(GatewayRbacOnRealApiServerTest.changeAdasImage(console, course)))
          .as("the console changing a server's image")
          .contains("may only set a student server's tito.dev/start annotation");
      assertThat(
              Eventually.refused(
                  () ->
                      console
                          .resources(Assignment.class)
                          .inNamespace(course)
                          .withName("tensor")
                          .patch(
                              PatchContext.of(PatchType.JSON_MERGE),
                              "{\"spec\":{\"dueAt\":\"2030-01-01T00:00:00Z\"}}")))
          .as("the console moving a due date")
          .contains("may only raise an Assignment's spec.regrade");
      for (Runnable refused :
          List.<Runnable>of(
              () -> console.secrets().inNamespace(course).list(),
              () -> console.secrets().inNamespace(course).withName("ml-ada-token").get(),
              () -> console.secrets().inNamespace(other).withName("ml-ben-token").get(),
              () -> console.apps().statefulSets().inNamespace(course).withName("ml-ada").delete(),
              () -> console.pods().inNamespace(course).withName("ml-ada-0").getLog(),
              () -> console.configMaps().inNamespace(course).list(),
              () ->
                  console
                      .resources(Review.class)
                      .inNamespace(course)
                      .withName("tensor.ada")
                      .delete(),
              () ->
                  console
                      .resources(Submission.class)
                      .inNamespace(course)
                      .withName("tensor-ada-1")
                      .delete(),
              () ->
                  console
                      .resources(Classroom.class)
                      .inNamespace(course)
                      .withName("ml")
                      .edit(c -> c),
              () -> console.resources(Classroom.class).inNamespace(other).list())) {
        assertThatThrownBy(refused::run)
            .isInstanceOf(KubernetesClientException.class)
            .extracting(e -> ((KubernetesClientException) e).getCode())
            .isEqualTo(403);
      }
    }
  }

  private static WebRequest as(WebRequest request) {
    return request.by("grace@example.edu", "/");
  }

  private static void classWithAdasGradedHandIn(String ns) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(ns);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    api.admin().resource(classroom).create();
    StatefulSet server = GatewayRbacOnRealApiServerTest.server(ns, "ada");
    server.getMetadata().getLabels().put("tito.dev/classroom", "ml");
    api.admin().resource(server).create();
    api.admin()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ml-ada-token")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("token", "ada-token")
                .build())
        .create();
    api.admin().resource(GradedSubmissions.assignment(ns, "tensor")).create();
    api.admin().resource(GradedSubmissions.adasFiles(ns, "tensor-ada-1")).create();
    Submission created =
        api.admin()
            .resource(GradedSubmissions.adasSubmission(ns, "tensor", "tensor-ada-1"))
            .create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    api.admin().resource(created).updateStatus();
  }

  private static StatefulSet server(String ns) {
    return api.admin().apps().statefulSets().inNamespace(ns).withName("ml-ada").get();
  }
}
