package dev.tito.operator.classroom;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.RosterStudent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the roster (inline, or CSV with a header row {@code id[,name,email]} in a ConfigMap) and refuses bad entries. */
public final class RosterReader {
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

  private final KubernetesClient client;

  public RosterReader(KubernetesClient client) {
    this.client = client;
  }

  public Roster read(Classroom classroom) {
    ConfigMapKey ref = classroom.getSpec().roster.configMapRef;
    if (ref == null) {
      List<Student> inline = new ArrayList<>();
      for (RosterStudent s : classroom.getSpec().roster.students) {
        inline.add(new Student(s.id == null ? "" : s.id, s.name, s.email));
      }
      return check(classroom, inline, "spec.roster.students");
    }
    String where = "ConfigMap " + ref.name + " key " + ref.key;
    ConfigMap map =
        client
            .configMaps()
            .inNamespace(classroom.getMetadata().getNamespace())
            .withName(ref.name)
            .get();
    if (map == null) {
      return unreadable(
          "RosterNotFound", "ConfigMap " + ref.name + " (spec.roster.configMapRef) does not exist");
    }
    String csv = map.getData() == null ? null : map.getData().get(ref.key);
    if (csv == null) {
      return unreadable("RosterNotFound", where + " does not exist");
    }
    try {
      return check(classroom, parseCsv(csv, where), where);
    } catch (IOException | RuntimeException e) {
      return unreadable("RosterUnreadable", where + ": " + firstLine(e.getMessage()));
    }
  }

  private static List<Student> parseCsv(String csv, String where) throws IOException {
    List<Student> students = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows =
        CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv)) {
      boolean first = true;
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        if (first && !row.containsKey("id")) {
          throw new IllegalArgumentException(
              "the header row has no 'id' column (expected id[,name,email])");
        }
        first = false;
        String id = row.getOrDefault("id", "");
        if (id.isEmpty() && row.values().stream().allMatch(String::isEmpty)) {
          continue; // blank line
        }
        students.add(new Student(id, row.get("name"), row.get("email")));
      }
    }
    return students;
  }

  private static Roster check(Classroom classroom, List<Student> entries, String where) {
    Map<String, Student> valid = new LinkedHashMap<>();
    Set<String> duplicates = new HashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Student s = entries.get(i);
      String problem = StudentNames.problem(classroom, s.id());
      if (problem != null) {
        findings.add(
            new Finding(
                Roster.CONDITION,
                "InvalidStudentId",
                where + " entry " + (i + 1) + ": " + problem));
      } else if (valid.putIfAbsent(s.id(), s) != null && duplicates.add(s.id())) {
        findings.add(
            new Finding(
                Roster.CONDITION,
                "DuplicateStudentId",
                where
                    + ": student id '"
                    + s.id()
                    + "' appears more than once; its first entry is used"));
      }
    }
    return new Roster(List.copyOf(valid.values()), findings, true);
  }

  private static Roster unreadable(String reason, String message) {
    return new Roster(
        List.of(),
        List.of(
            new Finding(
                Roster.CONDITION,
                reason,
                message + "; no student is added or removed until it is fixed")),
        false);
  }

  private static String firstLine(String message) {
    return message == null ? "invalid CSV" : message.lines().findFirst().orElse("invalid CSV");
  }
}
