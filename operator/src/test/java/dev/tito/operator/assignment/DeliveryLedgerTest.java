package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  @Test
  void writesSortedStudentsAndFailuresAndReadsThemBack() {
    DeliveryLedger ledger = DeliveryLedger.of(null, "rev1");
    ledger.delivered("grace");
    ledger.delivered("ada");
    ledger.failed("linus", 2);
    ConfigMap stored = ledger.toConfigMap(assignment());

    assertThat(stored.getMetadata().getName()).isEqualTo("m1-delivered");
    assertThat(stored.getMetadata().getLabels())
        .containsEntry("tito.dev/assignment", "m1")
        .containsEntry("app.kubernetes.io/component", "release")
        .doesNotContainKey("tito.dev/revision");
    assertThat(stored.getData())
        .isEqualTo(Map.of("revision", "rev1", "students", "ada\ngrace\n", "failures", "linus 2\n"));
    DeliveryLedger read = DeliveryLedger.of(stored, "rev1");
    assertThat(read.students()).containsExactly("ada", "grace");
    assertThat(read.failedAttempts("linus")).isEqualTo(2);
    assertThat(read.changed()).isFalse();
  }

  @Test
  void aNewRevisionStartsEmpty() {
    ConfigMap stored =
        ledgerMap(Map.of("revision", "rev1", "students", "ada\n", "failures", "bo 1\n"));
    DeliveryLedger ledger = DeliveryLedger.of(stored, "rev2");

    assertThat(ledger.students()).isEmpty();
    assertThat(ledger.failures()).isEmpty();
    assertThat(ledger.changed()).isTrue();
  }

  @Test
  void aDeliveryClearsTheStudentsFailuresAndRecordingTwiceChangesNothing() {
    DeliveryLedger ledger =
        DeliveryLedger.of(
            ledgerMap(Map.of("revision", "rev1", "students", "ada\n", "failures", "bo 3\n")),
            "rev1");
    ledger.delivered("ada");
    ledger.failed("bo", 2);
    assertThat(ledger.changed()).as("nothing new").isFalse();

    ledger.delivered("bo");
    assertThat(ledger.failures()).isEmpty();
    assertThat(ledger.students()).containsExactly("ada", "bo");
  }

  @Test
  void handEditedLinesThatDoNotParseAreDropped() {
    DeliveryLedger ledger =
        DeliveryLedger.of(
            ledgerMap(
                Map.of(
                    "revision",
                    "rev1",
                    "students",
                    "  ada \n\n bo\n",
                    "failures",
                    "cy many\ndee 2\nbroken\n")),
            "rev1");

    assertThat(ledger.students()).containsExactly("ada", "bo");
    assertThat(ledger.failures()).isEqualTo(Map.of("dee", 2));
  }

  @Test
  void studentsWhoLeftAreForgotten() {
    DeliveryLedger ledger = DeliveryLedger.of(null, "rev1");
    ledger.delivered("ada");
    ledger.delivered("bo");
    ledger.failed("cy", 1);
    ledger.retainOnly(List.of("ada"));

    assertThat(ledger.students()).containsExactly("ada");
    assertThat(ledger.failures()).isEmpty();
  }

  private static ConfigMap ledgerMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("m1-delivered")
        .withResourceVersion("7")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static Assignment assignment() {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("m1");
    assignment.getMetadata().setNamespace("ml");
    assignment.getMetadata().setUid("uid-1");
    return assignment;
  }
}
