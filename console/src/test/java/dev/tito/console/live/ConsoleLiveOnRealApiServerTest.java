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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
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
  @RegisterExtension
  static final RealApiServer api = new RealApiServer();
  private static final Path CHART = Path.of("../helm/tito-operator");
  private static String course;
  @TempDir static Path dir;

  @BeforeAll
  static void installTheChartAndStartTwoServers() {
    String system = api.createNamespace("tito-console");
    course = api.createNamespace("ml-class");
    new Helm(CHART).install().withName("console").withNamespace(system)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig()).set("watchNamespaces[0]", course)
        .set("instructors.users[0]", "alice").call();
    KubernetesClient admin = api.admin();
    admin.resource(classroom("ada", "ben")).create();
    for (String student : List.of("ada", "ben")) {
      admin.resource(server(student)).create();
    }
    for (String student : List.of("ada", "ben")) {
      markReady(await(() -> admin.pods().inNamespace(course).withName("ml-" + student + "-0").get(), "pod of " + student));
    }
    await(() -> List.of("ada", "ben").stream().allMatch(s -> ready(admin, s)) ? true : null, "both servers ready");
  }

  @Test
  void aStudentsServerStoppingShowsInTheOpenLivePageWithoutAReload() throws Exception {
    assumeTrue(HeadlessChromium.available() || "true".equals(System.getenv("CI")),
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
    ChromeDriver chrome = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium")));
    try (KubernetesClient alice = as("alice");
        Console console = Console.start(new ClusterCourse(alice, course, Clock.systemUTC()), 0, "alice",
            Clock.systemUTC())) {
      chrome.get(console.url().toString());
      chrome.get("http://127.0.0.1:" + console.url().getPort() + "/live");
      awaitTrue(() -> "live".equals(chrome.findElement(By.id("live-state")).getText()), "the event stream");
      String before = chrome.findElement(By.cssSelector("[data-classroom=ml] .counts")).getText();
      chrome.executeScript("window.sameDocument = true;");
      shoot(chrome, "live-before");

      // as the operator's idle culling stops a server
      api.admin().apps().statefulSets().inNamespace(course).withName("ml-ada").patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"annotations\":{\"tito.dev/stop-reason\":\"Idle\"}},\"spec\":{\"replicas\":0}}");

      awaitTrue(() -> !chrome.findElements(By.cssSelector("[data-classroom=ml] tr[data-student=ada].stopped")).isEmpty(),
          "ada stopped in the page");
      shoot(chrome, "live-after");
      assertThat(before).contains("2 ready", "0 stopped", "of 2");
      assertThat(chrome.findElement(By.cssSelector("[data-classroom=ml] .counts")).getText())
          .contains("1 ready", "1 stopped", "of 2");
      assertThat(chrome.findElement(By.cssSelector("tr[data-student=ada]")).getText()).contains("stopped Idle", "Start…");
      assertThat(chrome.executeScript("return window.sameDocument === true;")).isEqualTo(true);
    } finally {
      chrome.quit();
    }
  }

  @Test
  void anIdentityTheChartDidNotBindIsToldWhatItMayNotReadInOneLine() {
    try (KubernetesClient mallory = as("mallory")) {
      assertThatThrownBy(() -> new ClusterCourse(mallory, course, Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("your kubeconfig's identity may not list and watch classrooms in namespace " + course
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
    classroom.getSpec().roster.students = new java.util.ArrayList<>(List.of(students).stream().map(RosterStudent::new).toList());
    return classroom;
  }

  /** A student's server as the operator makes it (its labels, one replica), runnable under restricted pod security. */
  private static StatefulSet server(String student) {
    Map<String, String> labels = Map.of("tito.dev/classroom", "ml", "tito.dev/student", student,
        "app.kubernetes.io/component", "jupyter-server", "app.kubernetes.io/managed-by", "tito-operator");
    return new StatefulSetBuilder().withNewMetadata().withName("ml-" + student).withNamespace(course)
        .withLabels(labels).endMetadata().withNewSpec().withReplicas(1).withServiceName("ml-" + student)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withNewSeccompProfile()
        .withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("jupyter").withImage("registry.example/course@sha256:" + "0".repeat(64))
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
        .endCapabilities().endSecurityContext().endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** What a kubelet reports once the server's container runs and answers its readiness probe. */
  private static void markReady(Pod pod) {
    String now = Instant.now().toString();
    api.admin().pods().inNamespace(course).withName(pod.getMetadata().getName()).editStatus(p -> {
      p.getStatus().setPhase("Running");
      p.getStatus().setConditions(List.of(
          new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build(),
          new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build()));
      return p;
    });
  }

  private static boolean ready(KubernetesClient admin, String student) {
    StatefulSet set = admin.apps().statefulSets().inNamespace(course).withName("ml-" + student).get();
    return set.getStatus() != null && set.getStatus().getReadyReplicas() != null && set.getStatus().getReadyReplicas() == 1;
  }

  private static KubernetesClient as(String user) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(api.controlPlane().adminConfig())
        .withImpersonateUsername(user).withImpersonateGroups("system:authenticated").withNamespace(course).build())
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
        throw new AssertionError("waited " + RealApiServer.patience().toSeconds() + " s for " + what);
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
