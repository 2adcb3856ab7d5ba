package dev.tito.operator.chart;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The permissions the chart grants its ServiceAccount, evaluated the way Kubernetes' RBAC authorizer does, one
 * granted (group, resource, verb) at a time so that unused grants can be named.
 */
final class ChartRbac {
  /** What every authenticated user may do through Kubernetes' default role system:basic-user. */
  private static final Set<String> DEFAULT_RESOURCE_GRANTS =
      Set.of("create authorization.k8s.io/selfsubjectrulesreviews");

  /** One verb on one resource, granted in one namespace (null: cluster-wide) by one role. */
  record Grant(
      String role,
      String namespace,
      String group,
      String resource,
      String verb,
      List<String> resourceNames) {
    boolean allows(ApiRequest request) {
      return request.isResourceRequest()
          && (namespace == null || namespace.equals(request.namespace()))
          && group.equals(request.group())
          && resource.equals(request.resource())
          && verb.equals(request.verb())
          && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
    }

    /** The grant without where it came from, as the allow-lists name it: {@code verb group/resource}. */
    String what() {
      return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
    }

    @Override
    public String toString() {
      return what()
          + (resourceNames.isEmpty() ? "" : " " + resourceNames)
          + " ("
          + role
          + (namespace == null ? ", cluster-wide" : ", in " + namespace)
          + ")";
    }
  }

  private final List<Grant> grants;

  private ChartRbac(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  static ChartRbac of(RenderedChart chart, String serviceAccountNamespace, String serviceAccount) {
    List<Grant> grants = new ArrayList<>();
    for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccountNamespace, serviceAccount)) {
        expand(
            grants,
            "ClusterRole " + binding.getRoleRef().getName(),
            null,
            rules(chart, binding.getRoleRef(), null));
      }
    }
    for (RoleBinding binding : chart.all(RoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccountNamespace, serviceAccount)) {
        String namespace = binding.getMetadata().getNamespace();
        expand(
            grants,
            binding.getRoleRef().getKind() + " " + namespace + "/" + binding.getRoleRef().getName(),
            namespace,
            rules(chart, binding.getRoleRef(), namespace));
      }
    }
    return new ChartRbac(grants);
  }

  List<Grant> grants() {
    return grants;
  }

  /** What the API server answers a SelfSubjectRulesReview for one namespace (JOSDK asks before leader election). */
  SelfSubjectRulesReview rulesReview(String namespace) {
    List<ResourceRule> rules =
        grants.stream()
            .filter(g -> g.namespace() == null || g.namespace().equals(namespace))
            .map(
                g ->
                    new ResourceRuleBuilder()
                        .withApiGroups(g.group())
                        .withResources(g.resource())
                        .withVerbs(g.verb())
                        .withResourceNames(g.resourceNames())
                        .build())
            .toList();
    return new SelfSubjectRulesReviewBuilder()
        .withNewSpec()
        .withNamespace(namespace)
        .endSpec()
        .withNewStatus()
        .withResourceRules(rules)
        .withIncomplete(false)
        .endStatus()
        .build();
  }

  boolean allows(ApiRequest request) {
    if (!request.isResourceRequest()) {
      return false;
    }
    return DEFAULT_RESOURCE_GRANTS.contains(
            request.verb() + " " + request.group() + "/" + request.resource())
        || grants.stream().anyMatch(g -> g.allows(request));
  }

  private static boolean binds(List<Subject> subjects, String namespace, String name) {
    return subjects.stream()
        .anyMatch(
            s ->
                s.getKind().equals("ServiceAccount")
                    && s.getName().equals(name)
                    && s.getNamespace().equals(namespace));
  }

  private static List<PolicyRule> rules(RenderedChart chart, RoleRef ref, String namespace) {
    if (ref.getKind().equals("ClusterRole")) {
      return chart.named(ClusterRole.class, ref.getName()).getRules();
    }
    return chart.all(Role.class).stream()
        .filter(
            r ->
                r.getMetadata().getName().equals(ref.getName())
                    && r.getMetadata().getNamespace().equals(namespace))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "RoleBinding in " + namespace + " refers to missing Role " + ref.getName()))
        .getRules();
  }

  private static void expand(
      List<Grant> grants, String role, String namespace, List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(new Grant(role, namespace, group, resource, verb, rule.getResourceNames()));
          }
        }
      }
    }
  }
}
