package dev.tito.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredHashTest {
  /** Map.of iterates in an order salted per JVM: a restarted operator sees the same labels in another order. */
  @Test
  void theSameLabelsInAnotherOrderHaveTheSameDigest() {
    Map<String, String> oneOrder = new LinkedHashMap<>();
    Map<String, String> otherOrder = new LinkedHashMap<>();
    List<String> keys =
        List.of(
            "app.kubernetes.io/name",
            "tito.dev/classroom",
            "tito.dev/student",
            "app.kubernetes.io/component");
    keys.forEach(key -> oneOrder.put(key, key.toUpperCase()));
    for (int i = keys.size() - 1; i >= 0; i--) {
      otherOrder.put(keys.get(i), keys.get(i).toUpperCase());
    }

    assertThat(
            DesiredHash.of(new ObjectMetaBuilder().withName("ml-ada").withLabels(oneOrder).build()))
        .isEqualTo(
            DesiredHash.of(
                new ObjectMetaBuilder().withName("ml-ada").withLabels(otherOrder).build()));
  }

  @Test
  void anotherLabelValueHasAnotherDigest() {
    assertThat(
            DesiredHash.of(
                new ObjectMetaBuilder().withLabels(Map.of("tito.dev/student", "ada")).build()))
        .isNotEqualTo(
            DesiredHash.of(
                new ObjectMetaBuilder().withLabels(Map.of("tito.dev/student", "ben")).build()));
  }
}
