package dev.tito.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.console.Console;
import dev.tito.console.course.ClusterCourse;
import dev.tito.controlplane.Eventually;
import dev.tito.controlplane.HeadlessChromium;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live class on a real API server (RBAC, the real StatefulSet controller), read with an instructor's own identity
 * as the chart binds it: a student's server that stops shows as stopped in the open page, pushed by the console's one
 * watch, with no reload; an identity the chart did not bind gets one line saying what it may not read.
 */
class ConsoleLiveOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final Path CHART = Path.of("../helm/tito-operator");

  /** ada's server stops in the live test; ben's is started from the console in another. */
  private static final List<String> STUDENTS = List.of("ada", "ben");

  private static String course;
  @TempDir static Path dir;

  @BeforeAll
  static void installTheChartAndStartTwoServers() {
    String system = api.createNamespace("tito-console");
    course = api.createNamespace("ml-class");
    new Helm(CHART)
        .install()
        .withName("console")
        .withNamespace(system)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig())
        .set("watchNamespaces[0]", course)
        .set("instructors.users[0]", "alice")
        .call();
    KubernetesClient admin = api.admin();
    admin.resource(classroom(STUDENTS.toArray(String[]::new))).create();
    for (String student : STUDENTS) {
      admin.resource(server(student)).create();
    }
    for (String student : STUDENTS) {
      markReady(
          await(
              () -> admin.pods().inNamespace(course).withName("ml-" + student + "-0").get(),
              "pod of " + student));
    }
    await(
        () -> STUDENTS.stream().allMatch(s -> ready(admin, s)) ? true : null, "every server ready");
  }

  @Test
  void aStudentsServerStoppingShowsInTheOpenLivePageWithoutAReload() throws Exception {
    assumeTrue(
        HeadlessChromium.available() || "true".equals(System.getenv("CI")),
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
    ChromeDriver chrome = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium")));
    try (KubernetesClient alice = as("alice");
        Console console =
            Console.start(
                new ClusterCourse(alice, course, Clock.systemUTC()),
                0,
                "alice",
                Clock.systemUTC())) {
      chrome.get(console.url().toString());
      chrome.get("http://127.0.0.1:" + console.url().getPort() + "/live");
      awaitTrue(
          () -> "live".equals(chrome.findElement(By.id("live-state")).getText()),
          "the event stream");
      int readyBefore = count(chrome, "ready");
      int stoppedBefore = count(chrome, "stopped");
      chrome.executeScript("window.sameDocument = true;");
      shoot(chrome, "live-before");

      // as the operator's idle culling stops a server
      api.admin()
          .apps()
          .statefulSets()
          .inNamespace(course)
          .withName("ml-ada")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"tito.dev/stop-reason\":\"Idle\"}},\"spec\":{\"replicas\":0}}");

      awaitTrue(
          () ->
              !chrome
                  .findElements(By.cssSelector("[data-classroom=ml] tr[data-student=ada].stopped"))
                  .isEmpty(),
          "ada stopped in the page");
      shoot(chrome, "live-after");
      assertThat(count(chrome, "ready")).isEqualTo(readyBefore - 1);
      assertThat(count(chrome, "stopped")).isEqualTo(stoppedBefore + 1);
      assertThat(count(chrome, "total")).isEqualTo(2);
      assertThat(chrome.findElement(By.cssSelector("tr[data-student=ada]")).getText())
          .contains("stopped Idle", "Start…");
      assertThat(chrome.executeScript("return window.sameDocument === true;")).isEqualTo(true);
    } finally {
      chrome.quit();
    }
  }

  @Test
  void anInstructorStartsAStoppedServerFromTheConsoleAndMayChangeNothingElseOfIt()
      throws Exception {
    api.admin()
        .apps()
        .statefulSets()
        .inNamespace(course)
        .withName("ml-ben")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");
    try (KubernetesClient alice = as("alice");
        Console console =
            Console.start(
                new ClusterCourse(alice, course, Clock.systemUTC()),
                0,
                "alice",
                Clock.systemUTC())) {
      awaitTrue(() -> console.url() != null && stoppedInTheWatch(alice), "ben stopped");
      java.net.http.HttpResponse<String> started =
          post(console, "/start", "classroom=ml&student=ben");

      assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
      assertThat(
              api.admin()
                  .apps()
                  .statefulSets()
                  .inNamespace(course)
                  .withName("ml-ben")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsKey("tito.dev/start");
      for (String other :
          List.of(
              "{\"spec\":{\"replicas\":1}}", "{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}")) {
        assertThat(
                Eventually.refused(
                    () ->
                        alice
                            .apps()
                            .statefulSets()
                            .inNamespace(course)
                            .withName("ml-ben")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), other)))
            .contains("an instructor may only set a student server's tito.dev/start annotation");
      }
    }
  }

  @Test
  void anInstructorAsksForARegradeRoundFromTheConsoleAndMayChangeNothingElseOfTheAssignment()
      throws Exception {
    dev.tito.api.assignment.Assignment assignment = new dev.tito.api.assignment.Assignment();
    assignment.getMetadata().setName("tensor");
    assignment.getMetadata().setNamespace(course);
    assignment.setSpec(new dev.tito.api.assignment.AssignmentSpec());
    assignment.getSpec().classroom = "ml";
    assignment.getSpec().sourceSecret = "tensor-source";
    api.admin().resource(assignment).create();
    try (KubernetesClient alice = as("alice");
        Console console =
            Console.start(
                new ClusterCourse(alice, course, Clock.systemUTC()),
                0,
                "alice",
                Clock.systemUTC())) {
      java.net.http.HttpResponse<String> asked = post(console, "/regrade", "module=tensor");

      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(303);
      assertThat(
              api.admin()
                  .resources(dev.tito.api.assignment.Assignment.class)
                  .inNamespace(course)
                  .withName("tensor")
                  .get()
                  .getSpec()
                  .regrade)
          .isEqualTo(1);
      assertThatThrownBy(
              () ->
                  alice
                      .resources(dev.tito.api.assignment.Assignment.class)
                      .inNamespace(course)
                      .withName("tensor")
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          "{\"spec\":{\"dueAt\":\"2030-01-01T00:00:00Z\"}}"))
          .hasMessageContaining("an instructor may only raise an Assignment's spec.regrade");
      assertThatThrownBy(
              () ->
                  alice
                      .resources(dev.tito.api.assignment.Assignment.class)
                      .inNamespace(course)
                      .withName("tensor")
                      .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"regrade\":0}}"))
          .hasMessageContaining("an instructor may only raise an Assignment's spec.regrade");
    }
  }

  private static int count(ChromeDriver chrome, String what) {
    return Integer.parseInt(
        chrome
            .findElement(By.cssSelector("[data-classroom=ml] [data-count=" + what + "]"))
            .getText());
  }

  private static boolean stoppedInTheWatch(KubernetesClient alice) {
    StatefulSet ben = alice.apps().statefulSets().inNamespace(course).withName("ml-ben").get();
    return ben.getSpec().getReplicas() == 0;
  }

  /** A form posted from the console's own page: the cookie its token gave, and the page's origin. */
  private static java.net.http.HttpResponse<String> post(Console console, String path, String form)
      throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> signIn =
        http.send(
            java.net.http.HttpRequest.newBuilder(console.url()).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String origin = "http://127.0.0.1:" + console.url().getPort();
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + path))
            .header("Cookie", cookie)
            .header("Origin", origin)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anIdentityTheChartDidNotBindIsToldWhatItMayNotReadInOneLine() {
    try (KubernetesClient mallory = as("mallory")) {
      assertThatThrownBy(() -> new ClusterCourse(mallory, course, Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "your kubeconfig's identity may not list and watch classrooms in namespace "
                  + course
                  + ": an instructor needs the chart's instructor role there (helm ... --set instructors.users[0]=YOU; "
                  + "docs/manual-grading.md)");
    }
  }

  private static Classroom classroom(String... students) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(course);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "registry.example/course@sha256:" + "0".repeat(64);
    classroom.getSpec().roster.students =
        new java.util.ArrayList<>(List.of(students).stream().map(RosterStudent::new).toList());
    return classroom;
  }

  /** A student's server as the operator makes it (its labels, one replica), runnable under restricted pod security. */
  private static StatefulSet server(String student) {
    Map<String, String> labels =
        Map.of(
            "tito.dev/classroom",
            "ml",
            "tito.dev/student",
            student,
            "app.kubernetes.io/component",
            "jupyter-server",
            "app.kubernetes.io/managed-by",
            "tito-operator");
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("ml-" + student)
        .withNamespace(course)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withServiceName("ml-" + student)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(1000L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("jupyter")
        .withImage("registry.example/course@sha256:" + "0".repeat(64))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** What a kubelet reports once the server's container runs and answers its readiness probe. */
  private static void markReady(Pod pod) {
    String now = Instant.now().toString();
    api.admin()
        .pods()
        .inNamespace(course)
        .withName(pod.getMetadata().getName())
        .editStatus(
            p -> {
              p.getStatus().setPhase("Running");
              p.getStatus()
                  .setConditions(
                      List.of(
                          new PodConditionBuilder()
                              .withType("PodScheduled")
                              .withStatus("True")
                              .withLastTransitionTime(now)
                              .build(),
                          new PodConditionBuilder()
                              .withType("Ready")
                              .withStatus("True")
                              .withLastTransitionTime(now)
                              .build()));
              return p;
            });
  }

  private static boolean ready(KubernetesClient admin, String student) {
    StatefulSet set =
        admin.apps().statefulSets().inNamespace(course).withName("ml-" + student).get();
    return set.getStatus() != null
        && set.getStatus().getReadyReplicas() != null
        && set.getStatus().getReadyReplicas() == 1;
  }

  private static KubernetesClient as(String user) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(api.controlPlane().adminConfig())
                .withImpersonateUsername(user)
                .withImpersonateGroups("system:authenticated")
                .withNamespace(course)
                .build())
        .build();
  }

  private static void shoot(ChromeDriver chrome, String name) throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(folder.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
  }

  private static <T> T await(java.util.function.Supplier<T> value, String what) {
    Instant deadline = Instant.now().plus(RealApiServer.patience());
    while (true) {
      T got = value.get();
      if (got != null) {
        return got;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "waited " + RealApiServer.patience().toSeconds() + " s for " + what);
      }
      sleep();
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    await(() -> condition.getAsBoolean() ? true : null, what);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
