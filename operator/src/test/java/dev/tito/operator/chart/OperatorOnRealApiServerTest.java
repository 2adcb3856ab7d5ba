package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Release;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Capacity;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.cli.SubmitCommand;
import dev.tito.cli.Tito;
import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.RealApiServer;
import dev.tito.controlplane.TestKubelet;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.grading.ScoreLog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The chart installed by Helm on a real API server, the operator run as the chart's ServiceAccount (never as an
 * administrator), and a class taken through it as a platform team and its students would: provisioning, a release,
 * students handing in from their own accounts, grading by the real Job controller, a restart, and deletion.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLASSROOM = "ml";
  private static final String ASSIGNMENT = "tensors";
  private static final List<String> STUDENTS = List.of("ada", "ben", "eve");

  private static String course;
  private static String system;
  private static Release release;
  private static Map<String, String> operatorEnv;
  private static String operatorUser;
  private static OperatorProcess operator;
  private static TestKubelet kubelet;
  private static final Map<String, String> scoreLogs = new HashMap<>();
  private static final Path LOG = Path.of("target", "operator-on-real-api.log");

  @BeforeAll
  static void installTheChartAndStartTheOperatorAsItsServiceAccount() throws IOException {
    course = api.namespace();
    system = api.createNamespace("tito-system");
    ChartInstall.Installed installed = ChartInstall.helmInstall(api, system, course);
    release = installed.release();
    operatorUser = installed.user();
    operatorEnv = installed.operatorEnvironmentWithToken(api);
    Files.deleteIfExists(LOG);
    operator = startOperator();
    kubelet =
        new TestKubelet(
            api.admin(),
            course,
            "node-1",
            Path.of("target", "test-kubelet"),
            OperatorOnRealApiServerTest::endOf);
  }

  private static OperatorProcess startOperator() {
    return OperatorProcess.start(
        operatorEnv, api.controlPlane().url(), Path.of("target", "real-api-tito-home"), LOG);
  }

  /** Jobs' pods succeed (a grading Job's score container logs its student's result); student servers stay pending. */
  private static TestKubelet.Outcome endOf(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !labels.containsKey("job-name")) {
      return null;
    }
    String student = labels.get("tito.dev/student");
    return TestKubelet.succeeded(pod, Map.of("score", scoreLogs.getOrDefault(student, "")));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (kubelet != null) {
      kubelet.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  @Order(1)
  void helmInstallsTheChart() {
    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(api.admin().apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(crd -> crd.getMetadata().getName())
        .contains("classrooms.tito.dev", "assignments.tito.dev", "submissions.tito.dev");
  }

  @Test
  @Order(2)
  void aClassIsProvisionedWithoutASingleFailedWrite() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName(CLASSROOM);
    classroom.getMetadata().setNamespace(course);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
    classroom.getSpec().roster.students =
        new ArrayList<>(STUDENTS.stream().map(RosterStudent::new).toList());
    classroom.getSpec().environment.home.retainPolicy = RetainPolicy.Delete;
    classroom.getSpec().access = new Access();
    classroom.getSpec().access.ingress = true;
    classroom.getSpec().access.host = "jupyter.example.edu";
    classroom.getSpec().capacity = new Capacity();
    classroom.getSpec().capacity.placeholders = 1;
    api.admin().resource(classroom).create();

    Classroom provisioned =
        waitFor(
            "three students provisioned",
            OperatorOnRealApiServerTest::classroom,
            c ->
                c.getStatus() != null
                    && c.getStatus().total == 3
                    && api.admin()
                            .rbac()
                            .roleBindings()
                            .inNamespace(course)
                            .withLabel("tito.dev/classroom", CLASSROOM)
                            .list()
                            .getItems()
                            .size()
                        == 3);

    assertThat(provisioned.getStatus().conditions)
        .noneMatch(c -> "ApplyFailed".equals(c.getReason()));
    // the Ingress is on with no controller namespace named: the NetworkPolicy admits none, and the
    // class says so
    assertThat(provisioned.getStatus().conditions)
        .anyMatch(c -> "IngressBlocked".equals(c.getReason()));
    assertThat(
            api.admin()
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(course)
                .withName("ml-servers")
                .get()
                .getSpec()
                .getIngress())
        .flatExtracting(rule -> rule.getFrom())
        .allMatch(peer -> peer.getPodSelector() != null);
    assertThat(failedRequests()).as("the operator's refused requests").isEmpty();
    assertThat(
            api.admin()
                .services()
                .inNamespace(course)
                .withName("ml-ada")
                .get()
                .getSpec()
                .getClusterIP())
        .as("a student's Service takes no cluster IP")
        .isEqualTo("None");
  }

  @Test
  @Order(3)
  void everyPodTheClassNeedsIsAdmittedUnderRestrictedPodSecurity() {
    List<String> kinds = List.of("jupyter-server", "prepull", "placeholder");
    Map<String, List<String>> pods =
        waitFor(
            "a server's, the pre-puller's and a placeholder's pods",
            () ->
                kinds.stream()
                    .collect(
                        Collectors.toMap(
                            kind -> kind,
                            kind ->
                                api.admin().pods().inNamespace(course).list().getItems().stream()
                                    .map(pod -> pod.getMetadata().getName())
                                    .filter(
                                        name ->
                                            name.startsWith(
                                                kind.equals("jupyter-server")
                                                    ? "ml-ada-"
                                                    : "ml-" + kind))
                                    .toList())),
            found -> found.values().stream().noneMatch(List::isEmpty));

    assertThat(pods).hasSize(3);
    assertThat(podSecurityRefusals()).isEmpty();
  }

  /** What the built-in controllers could not create because PodSecurity refused it. */
  private static List<String> podSecurityRefusals() {
    return api.admin().v1().events().inNamespace(course).list().getItems().stream()
        .filter(
            e ->
                "FailedCreate".equals(e.getReason())
                    && e.getMessage() != null
                    && e.getMessage().contains("PodSecurity"))
        .map(e -> e.getInvolvedObject().getName() + ": " + e.getMessage())
        .toList();
  }

  @Test
  @Order(4)
  void aStudentHandsInFromHerOwnAccountAndIsGraded() throws IOException {
    ReleaseGradebook gradebook = release();
    scoreLogs.put("ada", ScoreLog.fullMarks(gradebook, ASSIGNMENT, "ada"));

    String adaSubmission = titoSubmitAsAda();
    Submission graded = submission(adaSubmission);
    assertThat(graded.getStatus().phase).isEqualTo(SubmissionPhase.Graded);
    assertThat(graded.getStatus().score).isEqualTo(graded.getStatus().maxScore).isPositive();
    assertThat(failedRequests()).as("the operator's refused requests").isEmpty();

    scoreLogs.put(
        "ben",
        ScoreLog.of(gradebook, ASSIGNMENT, "ben", id -> 0, "<html><body>try again</body></html>"));
    try (KubernetesClient ben = studentClient("ben")) {
      for (int attempt = 1; attempt <= 3; attempt++) {
        handIn(ben, "tensors-ben-" + attempt, "ben");
      }
    }
    // as kubectl patch sends it: no resourceVersion to meet the operator's status writes
    api.admin()
        .resources(Assignment.class)
        .inNamespace(course)
        .withName(ASSIGNMENT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"regrade\": 1}}");
    waitFor(
        "the regrade of each student's latest submission",
        () -> List.of(submission(adaSubmission), submission("tensors-ben-3")),
        latest ->
            latest.stream()
                .allMatch(
                    s ->
                        s.getStatus() != null
                            && s.getStatus().phase == SubmissionPhase.Graded
                            && Integer.valueOf(1).equals(s.getStatus().gradedRound)));
    assertThat(submission("tensors-ben-3").getStatus().score).isZero();
    assertThat(failedRequests()).as("the operator's refused requests").isEmpty();
  }

  @Test
  @Order(5)
  void aStudentCannotHandInInAnotherStudentsName() {
    try (KubernetesClient ben = studentClient("ben")) {
      assertThatThrownBy(() -> handIn(ben, "tensors-ada-2", "ada"))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("only");
    }
  }

  @Test
  @Order(6)
  void aStudentWhoLeavesLosesEverythingAndANewImageRestartsTheServers() {
    api.admin()
        .resources(Classroom.class)
        .inNamespace(course)
        .withName(CLASSROOM)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            """
        {"spec": {"roster": {"students": [{"id": "ada"}, {"id": "ben"}]},
                  "environment": {"image": "quay.io/jupyter/scipy-notebook@sha256:%s", "restartPolicy": "Immediate"},
                  "capacity": {"prePull": false, "placeholders": 0}}}"""
                .formatted("b".repeat(64)));

    waitFor(
        "eve's server, home, account and role removed",
        () ->
            List.of(
                api.admin().apps().statefulSets().inNamespace(course).withName("ml-eve").get()
                    == null,
                api.admin()
                        .persistentVolumeClaims()
                        .inNamespace(course)
                        .withName("home-ml-eve")
                        .get()
                    == null,
                api.admin().serviceAccounts().inNamespace(course).withName("ml-eve").get() == null,
                api.admin()
                        .rbac()
                        .roleBindings()
                        .inNamespace(course)
                        .withName("ml-eve-student")
                        .get()
                    == null,
                api.admin().apps().daemonSets().inNamespace(course).withName("ml-prepull").get()
                    == null,
                api.admin()
                        .apps()
                        .deployments()
                        .inNamespace(course)
                        .withName("ml-placeholder")
                        .get()
                    == null),
        gone -> !gone.contains(false));
    waitFor(
        "ada's server on the new image",
        () ->
            api.admin()
                .apps()
                .statefulSets()
                .inNamespace(course)
                .withName("ml-ada")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage(),
        image -> image.contains("scipy-notebook"));
    assertThat(failedRequests()).as("the operator's refused requests").isEmpty();
  }

  @Test
  @Order(7)
  void anEditedServerIsRepairedAndOtherActorsFieldsStay() {
    // what kubectl edit sends: a strategic merge patch, as its own field manager
    benServer()
        .patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            """
        {"metadata": {"labels": {"team": "blue"}, "finalizers": ["example.com/backup"]},
         "spec": {"template": {"spec": {"containers": [{"name": "jupyter", "image": "attacker/notebook:latest"}]}}}}""");

    StatefulSet repaired;
    try {
      repaired =
          waitFor(
              "ben's server repaired",
              () -> benServer().get(),
              set ->
                  !set.getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .getImage()
                      .startsWith("attacker"));
    } finally {
      // the finalizer would hold ben's server past the Classroom's deletion
      benServer()
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\": {\"finalizers\": null}}");
    }
    assertThat(repaired.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .startsWith("quay.io/jupyter/");
    assertThat(repaired.getMetadata().getLabels()).containsEntry("team", "blue");
    assertThat(repaired.getMetadata().getFinalizers()).containsExactly("example.com/backup");
  }

  private static RollableScalableResource<StatefulSet> benServer() {
    return api.admin().apps().statefulSets().inNamespace(course).withName("ml-ben");
  }

  @Test
  @Order(8)
  void aRestartedOperatorWritesNothing() throws InterruptedException {
    AuditLog audit = new AuditLog(api.controlPlane().auditLog());
    Instant started = Instant.now();
    waitFor(
        "the operator's work done",
        () -> requestsSince(audit, started),
        quietFiveSecondsAfter(started, false));
    operator.terminate();
    Instant restarted = Instant.now();
    operator = startOperator();
    waitFor(
        "the restarted operator to read the class and fall quiet",
        () -> requestsSince(audit, restarted),
        quietFiveSecondsAfter(restarted, true));

    assertThat(
            requestsSince(audit, restarted).stream()
                .filter(AuditLog.Request::isWrite)
                .map(AuditLog.Request::toString))
        .as("writes after a restart")
        .isEmpty();
  }

  /** The operator's requests since then, its leader lease's renewals aside. */
  private static List<AuditLog.Request> requestsSince(AuditLog audit, Instant since) {
    return audit.by(operatorUser).stream()
        .filter(r -> r.received().isAfter(since))
        .filter(r -> !r.group().equals("coordination.k8s.io"))
        .toList();
  }

  @Test
  @Order(9)
  void deletingTheClassroomLetsTheGarbageCollectorRemoveEverythingItHad() {
    api.admin().resources(Classroom.class).inNamespace(course).withName(CLASSROOM).delete();

    waitFor(
        "the class's servers, services and accounts removed",
        () ->
            api.admin()
                    .apps()
                    .statefulSets()
                    .inNamespace(course)
                    .withLabel("tito.dev/classroom", CLASSROOM)
                    .list()
                    .getItems()
                    .size()
                + api.admin()
                    .services()
                    .inNamespace(course)
                    .withLabel("tito.dev/classroom", CLASSROOM)
                    .list()
                    .getItems()
                    .size()
                + api.admin()
                    .serviceAccounts()
                    .inNamespace(course)
                    .withLabel("tito.dev/classroom", CLASSROOM)
                    .list()
                    .getItems()
                    .size(),
        left -> left == 0);
    assertThat(podSecurityRefusals())
        .as("pods (servers, delivery, grading) refused by PodSecurity")
        .isEmpty();
  }

  @Test
  @Order(10)
  void theChartGrantsExactlyWhatTheOperatorUsedAndNothingWasDenied() {
    List<AuditLog.Request> requests = new AuditLog(api.controlPlane().auditLog()).by(operatorUser);
    Set<String> used =
        requests.stream()
            .map(AuditLog.Request::permission)
            .collect(Collectors.toCollection(TreeSet::new));
    // a server-side apply that creates is recorded as a patch answered 201, and authorized as a
    // create as well
    requests.stream()
        .filter(r -> r.verb().equals("patch") && r.code() == 201)
        .forEach(r -> used.add(r.permission().replaceFirst("^patch ", "create ")));
    List<PolicyRule> rules = chartRules();

    assertThat(requests.stream().filter(r -> r.code() == 403).map(AuditLog.Request::toString))
        .as("denied requests")
        .isEmpty();
    assertThat(rules)
        .as("wildcard rules")
        .noneMatch(
            r ->
                r.getVerbs().contains("*")
                    || r.getResources().contains("*")
                    || r.getApiGroups().contains("*"));
    assertThat(
            grants(rules).stream()
                .filter(
                    grant -> !used.contains(grant) && !NEEDED_WITHOUT_A_REQUEST.containsKey(grant)))
        .as("granted but never used (used: " + used + ")")
        .isEmpty();
    assertThat(NEEDED_WITHOUT_A_REQUEST.keySet())
        .as("exceptions the chart no longer grants")
        .allMatch(grants(rules)::contains);
  }

  /** Grants no recorded call uses, each with the reason it is still needed. */
  private static final Map<String, String> NEEDED_WITHOUT_A_REQUEST =
      Map.of(
          "create tito.dev/submissions",
              "RBAC lets the operator put in a student's Role only what it holds itself",
          "update coordination.k8s.io/leases",
              "the operator SDK refuses to start leader election without it",
          "delete configmaps",
              "the release ConfigMaps of an older revision, once a newer one is released",
          "get batch/jobs",
              "a grading Job neither cached nor known: the API server tells a new one from a deleted one",
          "get tito.dev/submissions",
              "a Submission whose Job vanished is read afresh before it is failed");

  /** The rules of every Role and ClusterRole the chart bound to the operator's account (not the instructors' role). */
  private static List<PolicyRule> chartRules() {
    List<PolicyRule> rules = new ArrayList<>();
    for (String namespace : List.of(course, system)) {
      api
          .admin()
          .rbac()
          .roleBindings()
          .inNamespace(namespace)
          .withLabel("app.kubernetes.io/instance", "tito")
          .list()
          .getItems()
          .stream()
          .filter(b -> bindsOperator(b.getSubjects()))
          .forEach(
              b ->
                  rules.addAll(
                      b.getRoleRef().getKind().equals("Role")
                          ? api.admin()
                              .rbac()
                              .roles()
                              .inNamespace(namespace)
                              .withName(b.getRoleRef().getName())
                              .get()
                              .getRules()
                          : api.admin()
                              .rbac()
                              .clusterRoles()
                              .withName(b.getRoleRef().getName())
                              .get()
                              .getRules()));
    }
    api
        .admin()
        .rbac()
        .clusterRoleBindings()
        .withLabel("app.kubernetes.io/instance", "tito")
        .list()
        .getItems()
        .stream()
        .filter(b -> bindsOperator(b.getSubjects()))
        .forEach(
            b ->
                rules.addAll(
                    api.admin()
                        .rbac()
                        .clusterRoles()
                        .withName(b.getRoleRef().getName())
                        .get()
                        .getRules()));
    return rules;
  }

  private static boolean bindsOperator(
      List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects) {
    return subjects.stream()
        .anyMatch(
            s ->
                "ServiceAccount".equals(s.getKind())
                    && operatorUser.equals(
                        "system:serviceaccount:" + s.getNamespace() + ":" + s.getName()));
  }

  /** Each rule as {@code verb group/resource} strings, as {@link AuditLog.Request#permission()} writes a call. */
  private static Set<String> grants(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          rule.getVerbs()
              .forEach(
                  verb -> grants.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource));
        }
      }
    }
    return grants;
  }

  /** The Assignment released from a TinyTorch-style module; its gradebook rows. */
  private static ReleaseGradebook release() throws IOException {
    byte[] module =
        Files.readAllBytes(Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
    api.admin()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("tensors-src")
                .withNamespace(course)
                .endMetadata()
                .addToData("tiny.py", Base64.getEncoder().encodeToString(module))
                .build())
        .create();
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(ASSIGNMENT);
    assignment.getMetadata().setNamespace(course);
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = CLASSROOM;
    assignment.getSpec().sourceSecret = "tensors-src";
    api.admin().resource(assignment).create();
    Assignment released =
        waitFor(
            "the assignment released",
            () ->
                api.admin()
                    .resources(Assignment.class)
                    .inNamespace(course)
                    .withName(ASSIGNMENT)
                    .get(),
            a -> a.getStatus() != null && a.getStatus().releasedRevision != null);
    String rows =
        new String(
            Base64.getDecoder()
                .decode(
                    api.admin()
                        .secrets()
                        .inNamespace(course)
                        .withName(
                            ASSIGNMENT + "-gradebook-" + released.getStatus().releasedRevision)
                        .get()
                        .getData()
                        .get("gradebook.json")),
            StandardCharsets.UTF_8);
    return JSON.readValue(rows, new TypeReference<Map<String, ReleaseGradebook>>() {})
        .get(ASSIGNMENT);
  }

  /**
   * {@code tito submit --wait} in ada's server: her ServiceAccount's token, the released notebooks in
   * ~/assignments/tensors/; returns the Submission's name once it printed her grade.
   */
  private static String titoSubmitAsAda() throws IOException {
    Path home = Files.createTempDirectory(Path.of("target"), "ada-home-");
    Path folder = Files.createDirectories(home.resolve("assignments").resolve(ASSIGNMENT));
    List<String> args = new ArrayList<>(List.of("submit", "--wait", "--timeout", "2m"));
    for (Map.Entry<String, String> notebook : releasedNotebooks().entrySet()) {
      Files.writeString(folder.resolve(notebook.getKey()), notebook.getValue());
      args.add(folder.resolve(notebook.getKey()).toString());
    }
    SubmitCommand submit =
        SubmitCommand.forStudent("ada", CLASSROOM, course, home, () -> studentClient("ada"));
    CommandLine tito =
        Tito.commandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> kind) throws Exception {
                return kind == SubmitCommand.class
                    ? kind.cast(submit)
                    : CommandLine.defaultFactory().create(kind);
              }
            });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));

    assertThat(tito.execute(args.toArray(String[]::new))).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("Graded");
    Matcher name = Pattern.compile("^submitted (\\S+) ").matcher(out.toString());
    assertThat(name.find()).as(out.toString()).isTrue();
    return name.group(1);
  }

  /** What tito submit sends: the notebooks' ConfigMap, then the Submission, both labelled with the class. */
  private static void handIn(KubernetesClient student, String name, String forStudent) {
    Map<String, String> notebooks = releasedNotebooks();
    student
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(course)
                .addToLabels("tito.dev/classroom", CLASSROOM)
                .addToLabels("tito.dev/student", forStudent)
                .addToLabels("tito.dev/assignment", ASSIGNMENT)
                .addToLabels("app.kubernetes.io/component", "submission")
                .endMetadata()
                .withData(notebooks)
                .build())
        .create();
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(course);
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", CLASSROOM));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = ASSIGNMENT;
    submission.getSpec().student = forStudent;
    submission.getSpec().notebookConfigMap = name;
    student.resource(submission).create();
  }

  /** The released notebooks, by file name, as each student's server receives them. */
  private static Map<String, String> releasedNotebooks() {
    Map<String, String> notebooks = new HashMap<>();
    for (ConfigMap released :
        api.admin()
            .configMaps()
            .inNamespace(course)
            .withLabel("tito.dev/assignment", ASSIGNMENT)
            .list()
            .getItems()) {
      released
          .getData()
          .forEach(
              (key, value) -> {
                if (key.endsWith(".ipynb")) {
                  notebooks.put(key, value);
                }
              });
    }
    return notebooks;
  }

  private static KubernetesClient studentClient(String student) {
    return new KubernetesClientBuilder()
        .withConfig(api.controlPlane().serviceAccountConfig(course, CLASSROOM + "-" + student))
        .build();
  }

  /**
   * The operator's requests refused by RBAC or admission, and its writes that failed otherwise. A conflict (409) is
   * the optimistic locking the operator relies on, a read may meet a new CRD's storage still starting (429), and a
   * delete of what a moment ago went already is done (404).
   */
  private static List<String> failedRequests() {
    return new AuditLog(api.controlPlane().auditLog())
        .by(operatorUser).stream()
            .filter(
                r ->
                    r.code() == 403
                        || r.code() == 422
                        || r.isWrite()
                            && r.code() >= 400
                            && r.code() != 409
                            && !(r.verb().equals("delete") && r.code() == 404))
            .map(AuditLog.Request::toString)
            .toList();
  }

  /** No request for five seconds, the first of them at least {@code since}; {@code started}: once it made one. */
  private static Predicate<List<AuditLog.Request>> quietFiveSecondsAfter(
      Instant since, boolean started) {
    return requests ->
        (!started || !requests.isEmpty())
            && (requests.isEmpty() ? since : requests.get(requests.size() - 1).received())
                .isBefore(Instant.now().minusSeconds(5));
  }

  private static Classroom classroom() {
    return api.admin().resources(Classroom.class).inNamespace(course).withName(CLASSROOM).get();
  }

  private static Submission submission(String name) {
    return api.admin().resources(Submission.class).inNamespace(course).withName(name).get();
  }

  private static <T> T waitFor(String what, Supplier<T> observe, Predicate<T> done) {
    return Eventually.until(
        what,
        Duration.ofSeconds(90),
        observe,
        done,
        () -> "operator log tail:\n" + tail(operator.log()));
  }

  private static String tail(String log) {
    return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
  }
}
