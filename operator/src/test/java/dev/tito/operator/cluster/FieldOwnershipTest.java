package dev.tito.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.operator.cache.Trimmed;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldOwnershipTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StatefulSet DESIRED =
      new StatefulSetBuilder()
          .withNewMetadata()
          .withName("ml-ada")
          .addToLabels("tito.dev/student", "ada")
          .endMetadata()
          .withNewSpec()
          .withReplicas(1)
          .withNewTemplate()
          .withNewSpec()
          .addNewContainer()
          .withName("jupyter")
          .withImage("jupyter:1")
          .addNewPort()
          .withContainerPort(8888)
          .endPort()
          .endContainer()
          .endSpec()
          .endTemplate()
          .endSpec()
          .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a field the operator sets, changed by kubectl edit | {\"f:spec\":{\"f:replicas\":{}}} | true",
        "a label of the operator's | {\"f:metadata\":{\"f:labels\":{\"f:tito.dev/student\":{}}}} | true",
        "another actor's own label | {\"f:metadata\":{\"f:labels\":{\"f:team\":{}}}} | false",
        "a container's image, by its key | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"jupyter\\\"}\":{\"f:image\":{}}}}}}} | true",
        "a container the operator does not run | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"sidecar\\\"}\":{\".\":{}}}}}}} | false",
        "a port keyed by number | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"jupyter\\\"}\":{\"f:ports\":{\"k:{\\\"containerPort\\\":8888}\":{\".\":{}}}}}}}}} | true",
        "a field the operator leaves unset | {\"f:spec\":{\"f:minReadySeconds\":{}}} | false"
      })
  void aFieldAnotherActorAloneHoldsIsDriftWhenTheOperatorSetsIt(
      String what, String fields, boolean drift) throws Exception {
    assertThat(
            FieldOwnership.takes(
                JSON.readTree(fields), JSON.createObjectNode(), JSON.valueToTree(DESIRED)))
        .as(what)
        .isEqualTo(drift);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kubectl edit took the field from the operator's apply | false | | true",
        "another actor set the same value: the field is shared | true | | false",
        "the status a controller writes | false | status | false"
      })
  void onlyAFieldTheOperatorNoLongerHoldsIsDrift(
      String what, boolean operatorHoldsIt, String subresource, boolean drift) {
    JsonNode replicas =
        JSON.createObjectNode()
            .set("f:spec", JSON.createObjectNode().set("f:replicas", JSON.createObjectNode()));
    JsonNode labels =
        JSON.createObjectNode()
            .set(
                "f:metadata",
                JSON.createObjectNode()
                    .set(
                        "f:labels",
                        JSON.createObjectNode()
                            .set("f:tito.dev/student", JSON.createObjectNode())));
    JsonNode ours =
        operatorHoldsIt ? ((ObjectNode) labels.deepCopy()).setAll((ObjectNode) replicas) : labels;
    StatefulSet existing =
        new StatefulSetBuilder(DESIRED)
            .editMetadata()
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager(ChildWriter.FIELD_MANAGER)
                    .withOperation("Apply")
                    .withFieldsV1(fields(ours))
                    .build(),
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl-edit")
                    .withOperation("Update")
                    .withSubresource(subresource)
                    .withFieldsV1(fields(replicas))
                    .build())
            .endMetadata()
            .build();

    assertThat(FieldOwnership.drifted(existing, DESIRED, ChildWriter.FIELD_MANAGER))
        .as(what)
        .isEqualTo(drift);
    assertThat(FieldOwnership.drifted(Trimmed.of(existing), DESIRED, ChildWriter.FIELD_MANAGER))
        .as(what + ", as the operator's cache keeps it")
        .isEqualTo(drift);
  }

  @Test
  void theCacheKeepsNoFieldSetsWhileTheOperatorsApplyIsTheOnlyOne() {
    StatefulSet existing =
        new StatefulSetBuilder(DESIRED)
            .editMetadata()
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager(ChildWriter.FIELD_MANAGER)
                    .withOperation("Apply")
                    .withFieldsV1(
                        fields(JSON.createObjectNode().set("f:spec", JSON.createObjectNode())))
                    .build(),
                new ManagedFieldsEntryBuilder()
                    .withManager("kube-controller-manager")
                    .withOperation("Update")
                    .withSubresource("status")
                    .build())
            .endMetadata()
            .build();

    assertThat(Trimmed.of(existing).getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(FieldOwnership.drifted(existing, DESIRED, ChildWriter.FIELD_MANAGER)).isFalse();
  }

  private static FieldsV1 fields(JsonNode tree) {
    FieldsV1 fields = new FieldsV1();
    JSON.convertValue(tree, Map.class)
        .forEach((key, value) -> fields.setAdditionalProperty((String) key, value));
    return fields;
  }
}
