package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldOwnershipTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StatefulSet DESIRED = new StatefulSetBuilder().withNewMetadata().withName("ml-ada")
      .addToLabels("tito.dev/student", "ada").endMetadata()
      .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("jupyter")
      .withImage("jupyter:1").addNewPort().withContainerPort(8888).endPort().endContainer().endSpec().endTemplate().endSpec()
      .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a field the operator sets, changed by kubectl edit | {\"f:spec\":{\"f:replicas\":{}}} | true",
      "a label of the operator's | {\"f:metadata\":{\"f:labels\":{\"f:tito.dev/student\":{}}}} | true",
      "another actor's own label | {\"f:metadata\":{\"f:labels\":{\"f:team\":{}}}} | false",
      "a container's image, by its key | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"jupyter\\\"}\":{\"f:image\":{}}}}}}} | true",
      "a container the operator does not run | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"sidecar\\\"}\":{\".\":{}}}}}}} | false",
      "a port keyed by number | {\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"jupyter\\\"}\":{\"f:ports\":{\"k:{\\\"containerPort\\\":8888}\":{\".\":{}}}}}}}}} | true",
      "a field the operator leaves unset | {\"f:spec\":{\"f:minReadySeconds\":{}}} | false"})
  void aFieldIsDriftWhenTheOperatorSetsIt(String what, String fields, boolean drift) throws Exception {
    assertThat(FieldOwnership.sets(JSON.readTree(fields), JSON.valueToTree(DESIRED))).as(what).isEqualTo(drift);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "kubectl edit after the operator's apply | Update | 2026-12-03T10:00:05Z | | true",
      "a write before the operator's apply | Update | 2026-12-03T09:59:00Z | | false",
      "the status a controller writes | Update | 2026-12-03T10:00:05Z | status | false",
      "another applier | Apply | 2026-12-03T10:00:05Z | | false"})
  void onlyAnotherActorsLaterUpdateIsDrift(String what, String operation, String time, String subresource, boolean drift) {
    JsonNode replicas = JSON.createObjectNode().set("f:spec", JSON.createObjectNode().set("f:replicas", JSON.createObjectNode()));
    StatefulSet existing = new StatefulSetBuilder(DESIRED).editMetadata().withManagedFields(
        new ManagedFieldsEntryBuilder().withManager(ChildWriter.FIELD_MANAGER).withOperation("Apply")
            .withTime("2026-12-03T10:00:00Z").withFieldsV1(fields(replicas)).build(),
        new ManagedFieldsEntryBuilder().withManager("kubectl-edit").withOperation(operation).withTime(time)
            .withSubresource(subresource).withFieldsV1(fields(replicas)).build()).endMetadata().build();

    assertThat(FieldOwnership.drifted(existing, DESIRED, ChildWriter.FIELD_MANAGER)).as(what).isEqualTo(drift);
  }

  private static FieldsV1 fields(JsonNode tree) {
    FieldsV1 fields = new FieldsV1();
    JSON.convertValue(tree, Map.class).forEach((key, value) -> fields.setAdditionalProperty((String) key, value));
    return fields;
  }

}
