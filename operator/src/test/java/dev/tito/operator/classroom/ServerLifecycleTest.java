package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.RestartPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest extends OperatorOnMockServer {

  @Test
  void idleServerIsStoppedKeepingItsHomeAndStartsAgainOnRequest() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "cull", "ada", "grace");
    spec.getSpec().environment.idleTimeout = "30m";
    Classroom classroom = create(spec);
    Eventually.until("servers", () -> serverOf(classroom, "grace"), s -> true);
    markReady(serverOf(classroom, "ada"));
    markReady(serverOf(classroom, "grace"));
    Instant lastKernelActivity = Instant.now().minus(Duration.ofHours(2));
    activity.lastActive("cull-ada", ns, lastKernelActivity);
    activity.lastActive("cull-grace", ns, Instant.now());

    StatefulSet ada =
        Eventually.until(
            "ada stopped", () -> serverOf(classroom, "ada"), s -> s.getSpec().getReplicas() == 0);
    assertThat(ada.getMetadata().getAnnotations())
        .containsEntry(ServerState.STOP_REASON, "Idle")
        .containsEntry(ServerState.LAST_ACTIVITY, lastKernelActivity.toString());
    assertThat(serverOf(classroom, "grace").getSpec().getReplicas())
        .as("an active student keeps working")
        .isEqualTo(1);
    assertThat(activity.tokenSeenBy("cull-grace", ns))
        .isEqualTo(
            StudentAccessToken.read(
                client.secrets().inNamespace(ns).withName("cull-grace-token").get()));
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("home-cull-ada").get())
        .isNotNull();
    assertThat(
            statusWhere(classroom, "one stopped", c -> c.getStatus().stopped == 1)
                .getStatus()
                .ready)
        .isEqualTo(1);

    activity.lastActive("cull-ada", ns, Instant.now());
    retryOnConflict(
        () ->
            client
                .apps()
                .statefulSets()
                .inNamespace(ns)
                .withName("cull-ada")
                .edit(
                    s -> {
                      s.getMetadata().getAnnotations().put(ServerState.START_REQUEST, "now");
                      return s;
                    }));

    StatefulSet restarted =
        Eventually.until(
            "ada started", () -> serverOf(classroom, "ada"), s -> s.getSpec().getReplicas() == 1);
    Eventually.until(
        "start request consumed",
        () -> serverOf(classroom, "ada"),
        s -> !s.getMetadata().getAnnotations().containsKey(ServerState.START_REQUEST));
    assertThat(restarted.getMetadata().getAnnotations()).doesNotContainKey(ServerState.STOP_REASON);
  }

  @Test
  void imageChangeWaitsForTheNextStartUnlessRestartPolicySaysImmediate() {
    String ns = newNamespace();
    Classroom classroom = create(classroom(ns, "roll", "ada"));
    StatefulSet before = Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);
    markReady(before);
    String startedFrom = before.getMetadata().getAnnotations().get(ServerState.STARTED_TEMPLATE);
    String newImage = "quay.io/jupyter/scipy-notebook@sha256:" + "b".repeat(64);

    edit(
        classroom,
        edited -> {
          edited.getSpec().environment.image = newImage;
        });

    StatefulSet rolled =
        Eventually.until(
            "template updated",
            () -> serverOf(classroom, "ada"),
            s ->
                s.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .equals(newImage));
    assertThat(rolled.getSpec().getReplicas()).as("the running session is not killed").isEqualTo(1);
    assertThat(rolled.getMetadata().getAnnotations())
        .containsEntry(ServerState.STARTED_TEMPLATE, startedFrom);
    assertThat(
            statusWhere(classroom, "pending restart", c -> c.getStatus().pendingRestart == 1)
                .getStatus()
                .pendingRestart)
        .isEqualTo(1);

    edit(
        classroom,
        edited -> {
          edited.getSpec().environment.restartPolicy = RestartPolicy.Immediate;
        });

    statusWhere(classroom, "restarted", c -> c.getStatus().pendingRestart == 0);
    assertThat(
            serverOf(classroom, "ada")
                .getMetadata()
                .getAnnotations()
                .get(ServerState.STARTED_TEMPLATE))
        .isEqualTo(
            serverOf(classroom, "ada")
                .getMetadata()
                .getAnnotations()
                .get(ServerState.TEMPLATE_HASH));
  }

  @Test
  void serversCanStartOnDemandOnly() {
    String ns = newNamespace();
    Classroom spec = classroom(ns, "lazy", "ada");
    spec.getSpec().environment.startOnProvision = false;
    Classroom classroom = create(spec);

    StatefulSet ada = Eventually.until("server", () -> serverOf(classroom, "ada"), s -> true);
    assertThat(ada.getSpec().getReplicas()).isZero();
    assertThat(ada.getMetadata().getAnnotations())
        .containsEntry(ServerState.STOP_REASON, "NotStarted");
    Classroom status = statusWhere(classroom, "counted", c -> c.getStatus().total == 1);
    assertThat(status.getStatus().stopped).isEqualTo(1);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
  }
}
