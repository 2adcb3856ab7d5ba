package dev.tito.operator.grading;

import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.operator.classroom.OperatorOnMockServer;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Fabric8 mock server (CRUD mode, indexed by name) with the CRDs and a simulated kubelet, and released courses to
 * grade ({@link Courses}); the operator runs in-process ({@link GradingOnMockServer}) or in a process of its own. Each test teaches its
 * own class.
 */
abstract class CoursesOnMockServer {
  static final String ASSIGNMENT = Courses.ASSIGNMENT;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesMockServer server;
  static KubernetesClient client;
  static SimulatedKubelet kubelet;
  static Courses courses;

  @BeforeAll
  static void startServerAndKubelet() throws IOException {
    // the kubelet scripts pod logs from its own thread while the server's threads read them
    Map<ServerRequest, Queue<ServerResponse>> scripted = new ConcurrentHashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            scripted,
            new IndexedMixedDispatcher(scripted),
            true);
    server.init();
    client = server.createClient();
    OperatorOnMockServer.installCrds(client);
    kubelet = new SimulatedKubelet(client, server);
    courses = new Courses(client, () -> "grading-" + NAMESPACES.incrementAndGet());
  }

  @AfterAll
  static void stopServerAndKubelet() {
    kubelet.close();
    client.close();
    server.destroy();
  }

  static Course course(
      Consumer<GradingDefaults> grading,
      Consumer<AssignmentSpec> assignmentSpec,
      String... students)
      throws IOException {
    return courses.course(grading, assignmentSpec, students);
  }

  static Submission submit(Course course, String name, String student, Map<String, String> files) {
    return courses.submit(course, name, student, files);
  }

  static Submission submit(
      Course course,
      String name,
      String student,
      Map<String, String> files,
      Map<String, String> labels) {
    return courses.submit(course, name, student, files, labels);
  }

  static Submission submitRelease(Course course, String name, String student) {
    return courses.submitRelease(course, name, student);
  }

  static Submission current(Course course, String name) {
    return courses.current(course, name);
  }

  static Submission until(Course course, String name, String what, Predicate<Submission> done) {
    return courses.until(course, name, what, done);
  }

  static List<Job> jobsOf(Course course, String submission) {
    return courses.jobsOf(course, submission);
  }

  static String scoreLine(
      Course course, String student, ToDoubleFunction<String> score, String feedback) {
    return Courses.scoreLine(course, student, score, feedback);
  }

  static String fullMarks(Course course, String student) {
    return Courses.fullMarks(course, student);
  }

  /** Every grading Job of the course ends with its student's full marks. */
  static void kubeletGivesFullMarks(Course course) {
    kubelet.in(
        course.namespace(),
        job ->
            new SimulatedKubelet.Succeeds(
                fullMarks(
                    course,
                    job.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .get("tito.dev/student"))));
  }

  static double maxPoints(Course course) {
    return Courses.maxPoints(course);
  }
}
