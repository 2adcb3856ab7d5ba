package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The student-results controller: what a student's server may read follows the student's Submissions. */
class StudentResultsFromSubmissionsTest extends OperatorOnMockServer {

  @Test
  void theLatestSubmissionsStatusAndFeedbackReachTheStudentsResults() {
    String ns = newNamespace();
    create(classroom(ns, "ml", "ada", "grace"));
    Eventually.until(
        "ada's account",
        () -> client.serviceAccounts().inNamespace(ns).withName("ml-ada").get(),
        a -> true);
    Submission first = submit(ns, "tensor-ada-1", "ml", "tensor", "ada");
    // the grading reconciler holds it (there is no such Assignment): the student sees why
    ConfigMap queued =
        resultsWhere(
            ns,
            "ml-ada-results",
            "queued",
            d -> d.getOrDefault("tensor.json", "").contains("\"Queued\""));
    assertThat(queued.getData().get("tensor.json"))
        .startsWith("{\"name\":\"tensor-ada-1\",\"phase\":\"Queued\"")
        .contains("no Assignment 'tensor'");
    assertThat(queued.getMetadata().getLabels())
        .containsEntry("tito.dev/student", "ada")
        .containsEntry("app.kubernetes.io/component", "student-results");
    assertThat(queued.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Classroom"));

    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tensor-ada-1-feedback")
                .withNamespace(ns)
                .endMetadata()
                .addToData("feedback.html", "<h1>tensor: 7/10</h1>")
                .build())
        .create();
    setStatus(
        first,
        s -> {
          s.phase = SubmissionPhase.Graded;
          s.queuePosition = null;
          s.message = null;
          s.jobName = "internal-job";
          s.score = 7.0;
          s.maxScore = 10.0;
          s.latePenalty = 0.0;
          s.feedbackConfigMap = "tensor-ada-1-feedback";
          s.completedAt = "2026-11-24T01:00:00Z";
          TestResult test = new TestResult();
          test.notebook = "01_tensor";
          test.gradeId = "test_add";
          test.score = 7.0;
          test.maxScore = 10.0;
          test.status = "failed";
          s.results = List.of(test);
        });
    ConfigMap graded =
        resultsWhere(ns, "ml-ada-results", "graded", d -> d.containsKey("tensor.html"));
    assertThat(graded.getData().get("tensor.json"))
        .contains(
            "\"phase\":\"Graded\"",
            "\"score\":7.0",
            "\"maxScore\":10.0",
            "\"gradeId\":\"test_add\"",
            "\"completedAt\":\"2026-11-24T01:00:00Z\"")
        .doesNotContain("internal-job");
    assertThat(graded.getData().get("tensor.html")).isEqualTo("<h1>tensor: 7/10</h1>");

    Submission second = submit(ns, "tensor-ada-2", "ml", "tensor", "ada");
    submit(ns, "autograd-ada-1", "ml", "autograd", "ada");
    ConfigMap resubmitted =
        resultsWhere(
            ns,
            "ml-ada-results",
            "the second attempt shown",
            d ->
                d.getOrDefault("tensor.json", "").contains("tensor-ada-2")
                    && d.containsKey("autograd.json"));
    assertThat(resubmitted.getData()).doesNotContainKey("tensor.html");
    assertThat(client.configMaps().inNamespace(ns).withName("ml-grace-results").get())
        .as("grace submitted nothing")
        .isNull();

    client.resource(second).delete();
    resultsWhere(
        ns,
        "ml-ada-results",
        "the first attempt shown again once the second is deleted",
        d ->
            d.getOrDefault("tensor.json", "").contains("tensor-ada-1")
                && d.containsKey("tensor.html"));
  }

  @Test
  void submissionsWithoutAClassroomLabelOrForAnUnknownClassroomOrStudentAreIgnored() {
    String ns = newNamespace();
    create(classroom(ns, "bio", "ada"));
    Eventually.until(
        "ada's account",
        () -> client.serviceAccounts().inNamespace(ns).withName("bio-ada").get(),
        a -> true);
    submit(ns, "stranger", "bio", "cells", "zed");
    submit(ns, "unlabelled", null, "cells", "ada");
    submit(ns, "elsewhere", "chem", "cells", "ada");
    submit(ns, "labelled", "bio", "cells", "ada");

    ConfigMap results =
        resultsWhere(ns, "bio-ada-results", "bio's submission", d -> d.containsKey("cells.json"));
    assertThat(results.getData().get("cells.json")).contains("\"name\":\"labelled\"");
    assertThat(client.configMaps().inNamespace(ns).withName("chem-ada-results").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("bio-zed-results").get())
        .as("zed is not on the roster")
        .isNull();
  }

  @Test
  void aStatusChangeTheStudentDoesNotSeeCostsTheResultsControllerNoRequest() throws Exception {
    String ns = newNamespace();
    create(classroom(ns, "ml", "ada"));
    Eventually.until(
        "ada's account",
        () -> client.serviceAccounts().inNamespace(ns).withName("ml-ada").get(),
        a -> true);
    Submission first = submit(ns, "tensor-ada-1", "ml", "tensor", "ada");
    resultsWhere(
        ns,
        "ml-ada-results",
        "queued",
        d -> d.getOrDefault("tensor.json", "").contains("\"Queued\""));
    Thread.sleep(500);
    drainRequests();

    // startedAt is not in the student's summary: the results stay as they are, read from the
    // informers alone
    setStatus(first, s -> s.startedAt = "2026-11-24T01:00:00Z");
    Thread.sleep(1000);

    assertThat(
            drainRequests().stream()
                .map(r -> r.getMethod() + " " + r.getPath())
                .filter(
                    r ->
                        r.contains("/namespaces/" + ns + "/configmaps/ml-ada-results")
                            || r.contains("/serviceaccounts/")
                            || r.contains("/namespaces/" + ns + "/classrooms/")))
        .isEmpty();
  }

  private static Submission submit(
      String ns, String name, String classroom, String assignment, String student) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(ns);
    if (classroom != null) {
      submission.getMetadata().setLabels(Map.of(ClassroomLabels.CLASSROOM, classroom));
    }
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = assignment;
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name;
    return client.resource(submission).create();
  }

  private static void setStatus(Submission submission, Consumer<SubmissionStatus> change) {
    retryOnConflict(
        () -> {
          Submission latest = client.resource(submission).get();
          if (latest.getStatus() == null) {
            latest.setStatus(new SubmissionStatus());
          }
          change.accept(latest.getStatus());
          client.resource(latest).updateStatus();
        });
  }

  private static ConfigMap resultsWhere(
      String ns, String name, String what, java.util.function.Predicate<Map<String, String>> done) {
    return Eventually.until(
        what,
        () -> client.configMaps().inNamespace(ns).withName(name).get(),
        c -> c != null && c.getData() != null && done.test(c.getData()));
  }
}
