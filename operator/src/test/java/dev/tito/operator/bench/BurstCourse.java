package dev.tito.operator.bench;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.grading.Courses;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A class of n students with a released one-notebook assignment and each student's files handed in. */
record BurstCourse(
    Classroom classroom,
    Assignment assignment,
    String revision,
    List<String> releaseConfigMaps,
    List<String> notebooks,
    String notebook) {
  static final String NAMESPACE = "burst";

  static String files(int i) {
    return "files-" + i;
  }

  static String student(int i) {
    return String.format("s%05d", i);
  }

  /** The CRDs the in-process API needs (it neither checks nor establishes them). */
  static void installCrds(KubernetesClient client) throws Exception {
    for (String crd :
        new String[] {
          "classrooms.tito.dev-v1.yml", "assignments.tito.dev-v1.yml", "submissions.tito.dev-v1.yml"
        }) {
      try (InputStream yaml = Files.newInputStream(Path.of("../crds", crd))) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .create();
      }
    }
  }

  /**
   * The class, its assignment and every student's files, with the CRDs installed. With {@code operator}, waits until
   * it provisioned the class and released the assignment, and hands in the released notebook.
   */
  static BurstCourse setUp(KubernetesClient client, int n, int cap, boolean operator)
      throws Exception {
    client.resource(roster(n)).create();
    Classroom classroom = client.resource(classroom(cap)).create();
    client.resource(Courses.source(NAMESPACE)).create();
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("m1");
    assignment.getMetadata().setNamespace(NAMESPACE);
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = "big";
    assignment.getSpec().sourceSecret = "src";
    assignment = client.resource(assignment).create();
    String notebook =
        new String(
            Files.readAllBytes(Path.of("../samples/course/source/01_tensor/01_tensor.ipynb")));
    String revision = "0123456789";
    if (operator) {
      while (true) {
        Classroom seen = client.resource(classroom).get();
        Assignment released = client.resource(assignment).get();
        if (seen.getStatus() != null
            && seen.getStatus().total == n
            && released.getStatus() != null
            && released.getStatus().releasedRevision != null) {
          assignment = released;
          classroom = seen;
          break;
        }
        Thread.sleep(200);
      }
      revision = assignment.getStatus().releasedRevision;
      notebook = releasedNotebook(client, revision);
    }
    handIn(client, n, notebook);
    return new BurstCourse(
        classroom,
        assignment,
        revision,
        List.of("m1-release-" + revision + "-0"),
        List.of("tiny.ipynb"),
        notebook);
  }

  private static ConfigMap roster(int n) {
    String csv =
        "id\n"
            + IntStream.range(0, n).mapToObj(BurstCourse::student).collect(Collectors.joining("\n"))
            + "\n";
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("roster")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addToData("roster.csv", csv)
        .build();
  }

  private static Classroom classroom(int cap) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("big");
    classroom.getMetadata().setNamespace(NAMESPACE);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
    // grading reads no server; on a real API server N server pods would be the StatefulSet
    // controller's load, not grading's
    classroom.getSpec().environment.startOnProvision = false;
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    classroom.getSpec().roster.configMapRef.key = "roster.csv";
    classroom.getSpec().grading = new GradingDefaults();
    classroom.getSpec().grading.maxConcurrent = cap;
    return classroom;
  }

  private static String releasedNotebook(KubernetesClient client, String revision) {
    return client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withLabel("tito.dev/revision", revision)
        .list()
        .getItems()
        .stream()
        .filter(c -> c.getMetadata().getName().startsWith("m1-release-"))
        .findFirst()
        .orElseThrow()
        .getData()
        .get("tiny.ipynb");
  }

  /** Each student's files ConfigMap, 16 at a time. */
  private static void handIn(KubernetesClient client, int n, String notebook) {
    ExecutorService pool = Executors.newFixedThreadPool(SubmissionBurst.CLIENTS);
    CompletableFuture.allOf(
            IntStream.range(0, n)
                .mapToObj(
                    i ->
                        CompletableFuture.runAsync(
                            () ->
                                client
                                    .resource(
                                        new ConfigMapBuilder()
                                            .withNewMetadata()
                                            .withName(files(i))
                                            .withNamespace(NAMESPACE)
                                            .endMetadata()
                                            .addToData("tiny.ipynb", notebook)
                                            .build())
                                    .create(),
                            pool))
                .toArray(CompletableFuture[]::new))
        .join();
    pool.shutdown();
  }

  Submission submission(int i) {
    Submission submission = new Submission();
    submission.getMetadata().setName("sub-" + i);
    submission.getMetadata().setNamespace(NAMESPACE);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "m1";
    submission.getSpec().student = student(i);
    submission.getSpec().notebookConfigMap = files(i);
    return submission;
  }

  GradingJob.Inputs inputs(Submission created) {
    return new GradingJob.Inputs(
        created,
        assignment,
        classroom,
        revision,
        releaseConfigMaps,
        notebooks,
        0,
        1,
        OperatorConfig.LOCAL_JOB_IMAGE,
        null);
  }
}
