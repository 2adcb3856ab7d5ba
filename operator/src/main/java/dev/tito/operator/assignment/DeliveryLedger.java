package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who has received which revision of an Assignment: the ConfigMap {@code <assignment>-delivered} with keys
 * {@code revision}, {@code students} (sorted ids, one a line) and {@code failures} ({@code <id> <failed attempts>} a
 * line, for students whose delivery failed and is retried). A new revision starts an empty ledger.
 */
final class DeliveryLedger {
  static final String REVISION = "revision";
  static final String STUDENTS = "students";
  static final String FAILURES = "failures";

  private final ConfigMap stored;
  private final String revision;
  private final SortedSet<String> students = new TreeSet<>();
  private final SortedMap<String, Integer> failures = new TreeMap<>();
  private boolean changed;

  private DeliveryLedger(ConfigMap stored, String revision) {
    this.stored = stored;
    this.revision = revision;
  }

  static String name(Assignment assignment) {
    return assignment.getMetadata().getName() + "-delivered";
  }

  /** The stored ledger (null: none yet) as a record of {@code revision}: emptied when it records another one. */
  static DeliveryLedger of(ConfigMap stored, String revision) {
    DeliveryLedger ledger = new DeliveryLedger(stored, revision);
    Map<String, String> data =
        stored == null || stored.getData() == null ? Map.of() : stored.getData();
    if (!revision.equals(data.get(REVISION))) {
      ledger.changed = true;
      return ledger;
    }
    data.getOrDefault(STUDENTS, "")
        .lines()
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .forEach(ledger.students::add);
    for (String line : data.getOrDefault(FAILURES, "").lines().toList()) {
      String[] fields = line.strip().split("\\s+");
      // a hand-edited line that does not parse is dropped: at worst a retry starts again from
      // attempt 1
      if (fields.length == 2 && fields[1].matches("[1-9][0-9]{0,8}")) {
        ledger.failures.put(fields[0], Integer.parseInt(fields[1]));
      }
    }
    return ledger;
  }

  String revision() {
    return revision;
  }

  boolean has(String student) {
    return students.contains(student);
  }

  SortedSet<String> students() {
    return students;
  }

  /** Students whose delivery failed at least once and who do not have the revision yet, with their failed attempts. */
  SortedMap<String, Integer> failures() {
    return failures;
  }

  int failedAttempts(String student) {
    return failures.getOrDefault(student, 0);
  }

  void delivered(String student) {
    changed |= students.add(student);
    changed |= failures.remove(student) != null;
  }

  void failed(String student, int attempt) {
    if (failedAttempts(student) < attempt) {
      failures.put(student, attempt);
      changed = true;
    }
  }

  /** Forgets students no longer on the roster: one who comes back is delivered again (identical files stay as they are). */
  void retainOnly(Collection<String> roster) {
    changed |= students.retainAll(roster);
    changed |= failures.keySet().retainAll(roster);
  }

  boolean changed() {
    return changed;
  }

  /** The stored ConfigMap this ledger was read from; null when there is none yet. */
  ConfigMap stored() {
    return stored;
  }

  ConfigMap toConfigMap(Assignment assignment) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(REVISION, revision);
    data.put(STUDENTS, lines(students));
    if (!failures.isEmpty()) {
      StringBuilder text = new StringBuilder();
      failures.forEach(
          (student, attempts) -> text.append(student).append(' ').append(attempts).append('\n'));
      data.put(FAILURES, text.toString());
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(assignment))
        .withNamespace(assignment.getMetadata().getNamespace())
        .withLabels(ReleaseObjects.labels(assignment))
        .withOwnerReferences(Owners.of(assignment))
        .withResourceVersion(stored == null ? null : stored.getMetadata().getResourceVersion())
        .endMetadata()
        .withData(data)
        .build();
  }

  private static String lines(Collection<String> values) {
    StringBuilder text = new StringBuilder();
    values.forEach(value -> text.append(value).append('\n'));
    return text.toString();
  }
}
