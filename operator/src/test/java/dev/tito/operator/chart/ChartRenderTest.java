package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.classroom.ClassroomNetworkPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChartRenderTest {
  private static final RenderedChart DEFAULTS = RenderedChart.withDefaults();
  private static final RenderedChart EVERY_NAMESPACE =
      RenderedChart.with(Map.of("watchAllNamespaces", true));

  /** Cluster-scoped objects are named after the release's namespace and full name: two releases never share one. */
  private static final String CLUSTER_NAME = RenderedChart.NAMESPACE + ".tito-tito-operator";

  private static final String INSTRUCTOR = CLUSTER_NAME + "-instructor";

  @Test
  void operatorPodRunsAsNonRootWithReadOnlyRootAndNoCapabilities() {
    PodSpec pod = DEFAULTS.one(Deployment.class).getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(operator.getResources().getLimits()).containsKey("memory");
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
  }

  @Test
  void classroomNetworkPoliciesAdmitTheOperatorPods() {
    Map<String, String> podLabels =
        DEFAULTS.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels)
        .containsEntry(
            ClassroomNetworkPolicy.OPERATOR_POD_LABEL, ClassroomNetworkPolicy.OPERATOR_POD_VALUE);
    assertThat(
            RenderedChart.with(Map.of("podLabels.team", "platform"))
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels())
        .containsEntry(
            ClassroomNetworkPolicy.OPERATOR_POD_LABEL, ClassroomNetworkPolicy.OPERATOR_POD_VALUE)
        .containsEntry("team", "platform");
  }

  @Test
  void defaultsRunTwoReplicasWithLeaderElectionWatchingOnlyTheReleasesNamespace() {
    Deployment deployment = DEFAULTS.one(Deployment.class);
    OperatorConfig config =
        OperatorConfig.fromEnvironment(ChartInstall.operatorEnvironment(deployment));

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseName()).isEqualTo("tito-operator-leader");
    assertThat(config.leaseNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(config.watchNamespaces()).containsExactly(RenderedChart.NAMESPACE);
    assertThat(DEFAULTS.all(ClusterRole.class))
        .extracting(r -> r.getMetadata().getName())
        .as(
            "no cluster-wide rules on namespaced objects; the instructors' role is bound per namespace")
        .containsExactlyInAnyOrder(CLUSTER_NAME + "-cluster", INSTRUCTOR);
    assertThat(DEFAULTS.all(ClusterRoleBinding.class))
        .extracting(b -> b.getRoleRef().getName())
        .doesNotContain(INSTRUCTOR);
    assertThat(DEFAULTS.all(Namespace.class))
        .as("the release's namespace is Helm's, not the chart's")
        .isEmpty();
    assertThat(config.activityPollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.writeConcurrency()).isEqualTo(16);
    assertThat(config.studentPriorityClass()).isEqualTo(CLUSTER_NAME + "-student-server");
    assertThat(config.httpPort()).isEqualTo(8080);
  }

  @Test
  void valuesReachTheOperatorsConfiguration() {
    RenderedChart chart =
        RenderedChart.with(
            Map.of(
                "replicas",
                1,
                "leaderElection.enabled",
                false,
                "watchNamespaces[0]",
                "physics",
                "watchNamespaces[1]",
                "ml-101",
                "operator.writeConcurrency",
                4,
                "operator.activityPollSeconds",
                15,
                "priorityClasses.studentServer.name",
                "course-servers",
                "httpPort",
                9090));
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            ChartInstall.operatorEnvironment(chart.one(Deployment.class)));

    assertThat(config.leaderElection()).isFalse();
    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("physics", "ml-101");
    assertThat(config.writeConcurrency()).isEqualTo(4);
    assertThat(config.activityPollInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.studentPriorityClass()).isEqualTo("course-servers");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(chart.all(Role.class))
        .extracting(r -> r.getMetadata().getName())
        .doesNotContain("tito-tito-operator-leader-election");
  }

  @Test
  void watchedNamespacesGetRolesAndNothingNamespacedIsGrantedClusterWide() {
    RenderedChart chart =
        RenderedChart.with(Map.of("watchNamespaces[0]", "physics", "watchNamespaces[1]", "ml-101"));

    assertThat(chart.all(Role.class))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("physics", "ml-101", RenderedChart.NAMESPACE);
    assertThat(chart.all(ClusterRole.class))
        .filteredOn(r -> !r.getMetadata().getName().equals(INSTRUCTOR))
        .flatExtracting(ClusterRole::getRules)
        .allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("priorityclasses"));
  }

  @Test
  void watchedNamespacesThatDoNotExistYetAreCreatedRestrictedAndKeptOnUninstall() {
    // helm template has no cluster, so lookup finds no namespace: as at an install before the
    // namespaces exist
    RenderedChart chart =
        RenderedChart.with(Map.of("watchNamespaces[0]", "physics", "watchNamespaces[1]", "later"));

    assertThat(chart.all(Namespace.class))
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("physics", "later");
    assertThat(chart.all(Namespace.class))
        .allSatisfy(
            namespace -> {
              assertThat(namespace.getMetadata().getLabels())
                  .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
              assertThat(namespace.getMetadata().getAnnotations())
                  .containsEntry("helm.sh/resource-policy", "keep");
            });
  }

  @Test
  void noNamespaceIsCreatedWhenCreationIsOffOrEveryNamespaceIsWatched() {
    assertThat(DEFAULTS.all(Namespace.class)).isEmpty();
    assertThat(
            RenderedChart.with(
                    Map.of("watchNamespaces[0]", "physics", "createWatchNamespaces", false))
                .all(Namespace.class))
        .isEmpty();
  }

  @Test
  void everyNamespaceIsWatchedOnlyWhenAskedForAndNeverBesideAList() {
    assertThat(
            OperatorConfig.fromEnvironment(
                    ChartInstall.operatorEnvironment(EVERY_NAMESPACE.one(Deployment.class)))
                .watchNamespaces())
        .isEmpty();
    assertThat(EVERY_NAMESPACE.all(Role.class))
        .extracting(r -> r.getMetadata().getName())
        .doesNotContain("tito-tito-operator");
    assertThatThrownBy(
            () ->
                RenderedChart.with(
                    Map.of("watchAllNamespaces", true, "watchNamespaces[0]", "physics")))
        .hasMessageContaining(
            "watchAllNamespaces: true and a watchNamespaces list exclude each other");
  }

  @Test
  void noRuleUsesWildcardsAndClusterWideSecretsOnlyWhenWatchingEveryNamespace() {
    List<PolicyRule> rules =
        Stream.concat(
                EVERY_NAMESPACE.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
                DEFAULTS.all(Role.class).stream().flatMap(r -> r.getRules().stream()))
            .toList();

    assertThat(rules)
        .isNotEmpty()
        .allSatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).doesNotContain("*");
              assertThat(rule.getResources()).doesNotContain("*");
              assertThat(rule.getVerbs()).doesNotContain("*");
            });
    assertThat(EVERY_NAMESPACE.named(ClusterRole.class, CLUSTER_NAME + "-workloads").getRules())
        .as("the namespaced Role and the all-namespaces ClusterRole grant the same")
        .isEqualTo(
            RenderedChart.with(Map.of("watchNamespaces[0]", "physics"))
                .named(Role.class, "tito-tito-operator")
                .getRules());
  }

  @Test
  void priorityClassesRankServersAboveGradingAboveAlwaysEvictablePlaceholders() {
    PriorityClass server = DEFAULTS.named(PriorityClass.class, CLUSTER_NAME + "-student-server");
    PriorityClass grading = DEFAULTS.named(PriorityClass.class, CLUSTER_NAME + "-grading");
    PriorityClass placeholder =
        DEFAULTS.named(PriorityClass.class, CLUSTER_NAME + "-capacity-placeholder");

    assertThat(server.getValue()).isGreaterThan(grading.getValue());
    assertThat(grading.getValue()).isGreaterThan(0);
    assertThat(placeholder.getValue()).isNegative();
    assertThat(placeholder.getPreemptionPolicy()).isEqualTo("Never");
    assertThat(Stream.of(server, grading, placeholder)).noneMatch(PriorityClass::getGlobalDefault);
    assertThat(
            RenderedChart.with(Map.of("priorityClasses.grading.value", 2000))
                .named(PriorityClass.class, CLUSTER_NAME + "-grading")
                .getValue())
        .isEqualTo(2000);
  }

  @Test
  void theOperatorRunsItsPodsAtTheReleasesOwnPriorityClassesAndMayReadThePlaceholderOne() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            ChartInstall.operatorEnvironment(DEFAULTS.one(Deployment.class)));
    Set<String> rendered =
        DEFAULTS.all(PriorityClass.class).stream()
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toSet());

    assertThat(rendered)
        .containsExactlyInAnyOrder(
            config.studentPriorityClass(),
            config.gradingPriorityClass(),
            config.placeholderPriorityClass());
    assertThat(DEFAULTS.named(ClusterRole.class, CLUSTER_NAME + "-cluster").getRules())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getResourceNames())
                    .containsExactly(config.placeholderPriorityClass()));
  }

  @Test
  void anotherReleasesPriorityClassesAreSharedByNameWithoutCreatingAny() {
    RenderedChart chart =
        RenderedChart.with(
            Map.of(
                "priorityClasses.create",
                false,
                "priorityClasses.studentServer.name",
                "first-student-server",
                "priorityClasses.grading.name",
                "first-grading",
                "priorityClasses.placeholder.name",
                "first-capacity-placeholder"));
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            ChartInstall.operatorEnvironment(chart.one(Deployment.class)));

    assertThat(chart.all(PriorityClass.class)).isEmpty();
    assertThat(
            List.of(
                config.studentPriorityClass(),
                config.gradingPriorityClass(),
                config.placeholderPriorityClass()))
        .containsExactly("first-student-server", "first-grading", "first-capacity-placeholder");
    assertThatThrownBy(() -> RenderedChart.with(Map.of("priorityClasses.create", false)))
        .hasMessageContaining(".name is required when priorityClasses.create is false");
  }

  @Test
  void twoReleasesRenderNoClusterScopedObjectOfTheSameName() {
    Map<String, Object> every = Map.of("watchAllNamespaces", true);
    Set<String> first = clusterScopedNames(RenderedChart.with("a", "x", every));

    assertThat(first).hasSizeGreaterThanOrEqualTo(11);
    assertThat(first)
        .doesNotContainAnyElementsOf(clusterScopedNames(RenderedChart.with("b", "y", every)));
    assertThat(first)
        .doesNotContainAnyElementsOf(clusterScopedNames(RenderedChart.with("a", "y", every)));
    assertThat(clusterScopedNames(RenderedChart.with("a", "x-b", every)))
        .doesNotContainAnyElementsOf(clusterScopedNames(RenderedChart.with("b-a", "x", every)));
    assertThat(
            clusterScopedNames(
                RenderedChart.with("a", "x", Map.of("watchNamespaces[0]", "physics"))))
        .doesNotContainAnyElementsOf(
            clusterScopedNames(RenderedChart.with("a", "y", Map.of("watchNamespaces[0]", "ml"))));
  }

  @Test
  void metricsServiceSelectsTheOperatorAndTheServiceMonitorIsOptIn() {
    Service metrics = DEFAULTS.named(Service.class, "tito-tito-operator-metrics");
    Map<String, String> podLabels =
        DEFAULTS.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(metrics.getSpec().getSelector());
    assertThat(metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(DEFAULTS.objects()).noneMatch(o -> o.getKind().equals("ServiceMonitor"));

    GenericKubernetesResource monitor =
        (GenericKubernetesResource)
            RenderedChart.with(
                    Map.of(
                        "metrics.serviceMonitor.enabled",
                        true,
                        "metrics.serviceMonitor.labels.release",
                        "prometheus"))
                .objects()
                .stream()
                .filter(o -> o.getKind().equals("ServiceMonitor"))
                .findFirst()
                .orElseThrow();
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/metrics");
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
        .containsAllEntriesOf(
            metrics.getMetadata().getLabels().entrySet().stream()
                .filter(
                    e ->
                        !e.getKey().startsWith("helm.sh")
                            && !e.getKey().contains("version")
                            && !e.getKey().contains("part-of")
                            && !e.getKey().contains("managed-by"))
                .collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  @Test
  void grafanaDashboardIsAValidDashboardForTheSidecar() throws Exception {
    ConfigMap dashboard = DEFAULTS.named(ConfigMap.class, "tito-tito-operator-dashboard");
    JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("tito-operator.json"));

    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(json.get("uid").asText()).isEqualTo("tito-operator");
    assertThat(json.get("panels"))
        .isNotEmpty()
        .allSatisfy(
            panel ->
                assertThat(panel.get("targets"))
                    .allSatisfy(t -> assertThat(t.get("expr").asText()).isNotBlank()));
    assertThat(RenderedChart.with(Map.of("metrics.dashboard.enabled", false)).all(ConfigMap.class))
        .isEmpty();
  }

  @Test
  void instructorsReadTheClassAndWriteReviewsButNoSecretLogOrStatus() {
    List<PolicyRule> rules = DEFAULTS.named(ClusterRole.class, INSTRUCTOR).getRules();
    List<String> grants =
        rules.stream()
            .flatMap(
                r ->
                    r.getResources().stream()
                        .flatMap(
                            resource -> r.getVerbs().stream().map(verb -> verb + " " + resource)))
            .toList();

    assertThat(grants)
        .contains(
            "get submissions",
            "list assignments",
            "watch classrooms",
            "list configmaps",
            "create reviews",
            "update reviews",
            "delete reviews",
            "list statefulsets",
            "patch statefulsets",
            "patch assignments");
    // a patch of a server or an Assignment is held to a start request or a regrade round (the
    // console's actions)
    assertThat(
            DEFAULTS
                .named(ValidatingAdmissionPolicy.class, INSTRUCTOR + "-limits")
                .getSpec()
                .getValidations())
        .extracting(v -> v.getMessage())
        .containsExactly(
            "an instructor may only set a student server's tito.dev/start annotation",
            "an instructor may only raise an Assignment's spec.regrade");
    assertThat(
            DEFAULTS
                .named(ValidatingAdmissionPolicyBinding.class, INSTRUCTOR + "-limits")
                .getSpec()
                .getValidationActions())
        .containsExactly("Deny");
    assertThat(grants)
        .noneMatch(
            g ->
                g.endsWith(" secrets")
                    || g.endsWith("/status")
                    || g.endsWith("/log")
                    || g.endsWith("/exec")
                    || g.startsWith("create ") && !g.endsWith(" reviews")
                    || g.startsWith("update ") && !g.endsWith(" reviews"));
  }

  @Test
  void instructorsAreBoundInEachWatchedNamespaceOnlyWhenNamed() {
    RenderedChart chart =
        RenderedChart.with(
            Map.of(
                "watchNamespaces[0]",
                "physics",
                "watchNamespaces[1]",
                "ml-101",
                "instructors.users[0]",
                "oidc:alice",
                "instructors.groups[0]",
                "physics-staff"));

    assertThat(chart.all(RoleBinding.class))
        .filteredOn(b -> b.getRoleRef().getName().equals(INSTRUCTOR))
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("physics", "ml-101");
    assertThat(chart.all(RoleBinding.class))
        .filteredOn(b -> b.getRoleRef().getName().equals(INSTRUCTOR))
        .first()
        .satisfies(
            b ->
                assertThat(b.getSubjects())
                    .extracting(Subject::getKind, Subject::getName)
                    .containsExactly(tuple("User", "oidc:alice"), tuple("Group", "physics-staff")));
    assertThat(DEFAULTS.all(RoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().equals(INSTRUCTOR));
    assertThat(RenderedChart.with(Map.of("instructors.role", false)).all(ClusterRole.class))
        .noneMatch(r -> r.getMetadata().getName().equals(INSTRUCTOR));
    assertThatThrownBy(
            () ->
                RenderedChart.with(
                    Map.of("watchAllNamespaces", true, "instructors.users[0]", "alice")))
        .hasMessageContaining("bind the instructor ClusterRole per namespace yourself");
  }

  @Test
  void onlyTheOperatorMayWriteSubmissionStatus() {
    ValidatingAdmissionPolicy policy =
        DEFAULTS.named(ValidatingAdmissionPolicy.class, CLUSTER_NAME + "-submissions");
    ValidatingAdmissionPolicyBinding binding =
        DEFAULTS.named(ValidatingAdmissionPolicyBinding.class, CLUSTER_NAME + "-submissions");
    String serviceAccount =
        DEFAULTS.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();

    assertThat(policy.getSpec().getMatchConstraints().getResourceRules().get(0).getResources())
        .containsExactlyInAnyOrder("submissions", "submissions/status");
    assertThat(policy.getSpec().getVariables().get(0).getExpression())
        .isEqualTo(
            "request.userInfo.username == 'system:serviceaccount:"
                + RenderedChart.NAMESPACE
                + ":"
                + serviceAccount
                + "'");
    assertThat(policy.getSpec().getValidations()).hasSize(1);
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
  }

  @Test
  void studentsSubmitOnlyInTheirOwnNameWhenAStudentGroupIsSet() {
    RenderedChart chart =
        RenderedChart.with(
            Map.of(
                "submissionPolicy.studentGroup",
                "course:students",
                "submissionPolicy.usernamePrefix",
                "oidc:",
                "watchNamespaces[0]",
                "physics"));
    ValidatingAdmissionPolicy policy =
        chart.named(ValidatingAdmissionPolicy.class, CLUSTER_NAME + "-submissions");

    assertThat(policy.getSpec().getValidations()).hasSize(2);
    assertThat(policy.getSpec().getValidations().get(1).getExpression())
        .contains("'course:students' in request.userInfo.groups")
        .contains("request.userInfo.username == 'oidc:' + object.spec.student");
    assertThat(
            chart
                .named(ValidatingAdmissionPolicyBinding.class, CLUSTER_NAME + "-submissions")
                .getSpec()
                .getMatchResources()
                .getNamespaceSelector()
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("physics");
  }

  @Test
  void studentServiceAccountsCreateOnlySubmissionsAndConfigMapsInTheirOwnName() {
    RenderedChart chart = RenderedChart.with(Map.of("watchNamespaces[0]", "physics"));
    ValidatingAdmissionPolicy policy =
        chart.named(ValidatingAdmissionPolicy.class, CLUSTER_NAME + "-student-submit");
    ValidatingAdmissionPolicyBinding binding =
        chart.named(ValidatingAdmissionPolicyBinding.class, CLUSTER_NAME + "-student-submit");
    String operator =
        "system:serviceaccount:"
            + RenderedChart.NAMESPACE
            + ":"
            + chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();

    assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
        .extracting(r -> r.getApiGroups() + " " + r.getResources() + " " + r.getOperations())
        .containsExactlyInAnyOrder("[tito.dev] [submissions] [CREATE]", "[] [configmaps] [CREATE]");
    assertThat(policy.getSpec().getMatchConditions())
        .extracting(c -> c.getExpression())
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "request.userInfo.username.startsWith('system:serviceaccount:' + request.namespace + ':')")
                    .contains(
                        "('system:serviceaccounts:' + request.namespace) in request.userInfo.groups"))
        .anySatisfy(e -> assertThat(e).isEqualTo("request.userInfo.username != '" + operator + "'"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("request.resource.resource == 'submissions'")
                    .contains("'tito.dev/classroom' in object.metadata.labels"));
    assertThat(policy.getSpec().getVariables())
        .extracting(v -> v.getName() + "=" + v.getExpression())
        .contains("account=request.userInfo.username.split(':')[3]");
    assertThat(policy.getSpec().getValidations())
        .extracting(v -> v.getExpression())
        .satisfiesExactly(
            submission ->
                assertThat(submission)
                    .contains(
                        "variables.classroom + '-' + object.spec.student == variables.account"),
            labels ->
                assertThat(labels)
                    .contains(
                        "variables.classroom + '-' + object.metadata.labels['tito.dev/student'] == variables.account"),
            shape ->
                assertThat(shape)
                    .contains(
                        "object.metadata.labels[?'app.kubernetes.io/component'].orValue('') == 'submission'")
                    .contains("!= 'tito-operator'")
                    .contains("size(object.metadata.ownerReferences) == 0"));
    assertThat(policy.getSpec().getValidations())
        .allSatisfy(
            v -> {
              assertThat(v.getReason()).isEqualTo("Forbidden");
              assertThat(v.getMessageExpression()).contains("variables.account");
            });
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(
            binding
                .getSpec()
                .getMatchResources()
                .getNamespaceSelector()
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("physics");
  }

  @Test
  void exemptServiceAccountsAndClassOnlyNamespacesAreOptions() {
    RenderedChart chart =
        RenderedChart.with(
            Map.of(
                "submissionPolicy.exemptServiceAccounts[0]",
                "ci-bot",
                "submissionPolicy.exemptServiceAccounts[1]",
                "grader",
                "submissionPolicy.serviceAccountsAreStudents",
                true));
    ValidatingAdmissionPolicy policy =
        chart.named(ValidatingAdmissionPolicy.class, CLUSTER_NAME + "-student-submit");

    assertThat(policy.getSpec().getMatchConditions())
        .extracting(c -> c.getName() + ": " + c.getExpression())
        .contains("not-exempt: !(request.userInfo.username.split(':')[3] in ['ci-bot', 'grader'])")
        .noneMatch(c -> c.startsWith("a-submission-or-claims-to-be-tito-s"));
    assertThat(
            DEFAULTS
                .named(ValidatingAdmissionPolicy.class, CLUSTER_NAME + "-student-submit")
                .getSpec()
                .getMatchConditions())
        .extracting(c -> c.getName())
        .containsExactly(
            "from-a-service-account-of-the-namespace",
            "not-the-operator",
            "a-submission-or-claims-to-be-tito-s");
    assertThatThrownBy(
            () ->
                RenderedChart.with(
                    Map.of("submissionPolicy.exemptServiceAccounts[0]", "x'] || true || ['")))
        .hasMessageContaining("/submissionPolicy/exemptServiceAccounts/0");
  }

  @Test
  void theOperatorHoldsEverythingItGrantsStudents() {
    List<PolicyRule> rules = DEFAULTS.named(Role.class, "tito-tito-operator").getRules();

    for (String needed :
        List.of(
            "tito.dev submissions create",
            " configmaps create",
            " configmaps get",
            " configmaps watch",
            " serviceaccounts create",
            "rbac.authorization.k8s.io roles create",
            "rbac.authorization.k8s.io rolebindings create")) {
      String[] parts = needed.split(" ");
      assertThat(rules)
          .as(needed)
          .anyMatch(
              r ->
                  r.getApiGroups().contains(parts[0])
                      && r.getResources().contains(parts[1])
                      && r.getVerbs().contains(parts[2])
                      && r.getResourceNames().isEmpty());
    }
  }

  @Test
  void imageIsPulledByDigestWhenOneIsGiven() {
    String digest = "sha256:" + "c".repeat(64);

    assertThat(
            DEFAULTS
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("ghcr.io/tito-dev/tito-operator:0.1.0");
    assertThat(
            RenderedChart.with(Map.of("image.digest", digest))
                .one(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("ghcr.io/tito-dev/tito-operator@" + digest);
  }

  @Test
  void badValuesAreRefusedWithTheOffendingKey() {
    assertThatThrownBy(
            () -> RenderedChart.with(Map.of("replicas", 2, "leaderElection.enabled", false)))
        .hasMessageContaining("replicas > 1 needs leaderElection.enabled=true");
    assertThatThrownBy(() -> RenderedChart.with(Map.of("image.digest", "latest")))
        .hasMessageContaining("/image/digest");
    assertThatThrownBy(() -> RenderedChart.with(Map.of("replica", 3)))
        .hasMessageContaining("replica")
        .hasMessageContaining("additional properties");
    assertThatThrownBy(
            () -> RenderedChart.with(Map.of("submissionPolicy.studentGroup", "x' || true || '")))
        .hasMessageContaining("/submissionPolicy/studentGroup");
    assertThatThrownBy(() -> RenderedChart.with(Map.of("watchNamespaces[0]", "Not_A_Namespace")))
        .hasMessageContaining("/watchNamespaces/0");
    assertThatThrownBy(() -> RenderedChart.with(Map.of("priorityClasses.placeholder.value", 5)))
        .hasMessageContaining("/priorityClasses/placeholder/value");
  }

  @Test
  void everyObjectCarriesTheChartsLabels() {
    assertThat(DEFAULTS.objects())
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/name", "tito-operator")
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                    .containsKey("helm.sh/chart"));
    assertThat(DEFAULTS.objects())
        .extracting(o -> o.getKind())
        .containsAll(
            Set.of(
                "ServiceAccount",
                "Deployment",
                "ClusterRole",
                "ClusterRoleBinding",
                "Role",
                "RoleBinding",
                "Service",
                "ConfigMap",
                "PriorityClass",
                "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding"));
  }

  /** Kind and name of every cluster-scoped object but the CRDs, which every release shares by design. */
  private static Set<String> clusterScopedNames(RenderedChart chart) {
    return chart.objects().stream()
        .filter(o -> !(o instanceof Namespaced) && !(o instanceof CustomResourceDefinition))
        .map(o -> o.getKind() + " " + o.getMetadata().getName())
        .collect(Collectors.toSet());
  }
}
