package dev.tito.operator.classroom;

import dev.tito.api.classroom.Access;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.EgressMode;
import dev.tito.api.classroom.Network;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One policy over all of a class's servers: they accept connections only from the operator (activity probes), the
 * tito gateway and the ingress controller, so students cannot reach each other's servers; egress follows spec.network.
 */
public final class ClassroomNetworkPolicy {
  public static final String COMPONENT = "network-policy";
  public static final String OPERATOR_POD_LABEL = "app.kubernetes.io/name";
  public static final String OPERATOR_POD_VALUE = "tito-operator";

  /** The gateway's pods (the chart's gateway Deployment) proxy students to their own server. */
  public static final String GATEWAY_POD_VALUE = "tito-gateway";

  private ClassroomNetworkPolicy() {}

  public static String name(Classroom classroom) {
    return classroom.getMetadata().getName() + "-servers";
  }

  public static NetworkPolicy desired(Classroom classroom) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name(classroom))
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(ClassroomLabels.forClassroom(classroom, COMPONENT))
        .withOwnerReferences(Owners.of(classroom))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(
            Map.of(
                ClassroomLabels.CLASSROOM,
                classroom.getMetadata().getName(),
                ClassroomLabels.COMPONENT,
                ClassroomLabels.SERVER_COMPONENT))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress(classroom))
        .withEgress(egress(classroom.getSpec().network))
        .endSpec()
        .build();
  }

  private static NetworkPolicyIngressRule ingress(Classroom classroom) {
    List<NetworkPolicyPeer> from = new ArrayList<>();
    from.add(
        new NetworkPolicyPeerBuilder()
            .withNewNamespaceSelector()
            .endNamespaceSelector()
            .withNewPodSelector()
            .addToMatchLabels(OPERATOR_POD_LABEL, OPERATOR_POD_VALUE)
            .endPodSelector()
            .build());
    from.add(
        new NetworkPolicyPeerBuilder()
            .withNewNamespaceSelector()
            .endNamespaceSelector()
            .withNewPodSelector()
            .addToMatchLabels(OPERATOR_POD_LABEL, GATEWAY_POD_VALUE)
            .endPodSelector()
            .build());
    Access access = classroom.getSpec().access;
    if (access != null
        && access.ingressControllerNamespaceLabels != null
        && !access.ingressControllerNamespaceLabels.isEmpty()) {
      from.add(
          new NetworkPolicyPeerBuilder()
              .withNewNamespaceSelector()
              .withMatchLabels(access.ingressControllerNamespaceLabels)
              .endNamespaceSelector()
              .build());
    }
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(from)
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(classroom.getSpec().environment.port))
        .endPort()
        .build();
  }

  private static List<NetworkPolicyEgressRule> egress(Network network) {
    EgressMode mode = network == null ? EgressMode.All : network.egress;
    if (mode == EgressMode.All) {
      return List.of(new NetworkPolicyEgressRule());
    }
    if (mode == EgressMode.None) {
      return List.of();
    }
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyEgressRuleBuilder()
            .addNewTo()
            .withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
            .endNamespaceSelector()
            .withNewPodSelector()
            .addToMatchLabels("k8s-app", "kube-dns")
            .endPodSelector()
            .endTo()
            .addNewPort()
            .withProtocol("UDP")
            .withPort(new IntOrString(53))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(53))
            .endPort()
            .build());
    if (!network.allowedCIDRs.isEmpty()) {
      NetworkPolicyEgressRuleBuilder cidrs = new NetworkPolicyEgressRuleBuilder();
      network.allowedCIDRs.forEach(
          cidr -> cidrs.addNewTo().withNewIpBlock().withCidr(cidr).endIpBlock().endTo());
      rules.add(cidrs.build());
    }
    return rules;
  }
}
