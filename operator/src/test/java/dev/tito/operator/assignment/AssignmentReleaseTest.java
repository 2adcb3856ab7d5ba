package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation and storage of releases, by the real operator on the mock server. */
class AssignmentReleaseTest extends AssignmentOnMockServer {
  private static final Path INPUTS =
      Path.of("../notebook/src/test/resources/conformance/nbgrader/derived/inputs");

  @BeforeAll
  static void start() throws IOException {
    startOperator(100);
  }

  @Test
  void aValidModuleIsReleasedIntoConfigMapsWithTheSameContentAsTitoModuleRelease(@TempDir Path dir)
      throws IOException {
    String ns = namespace();
    Map<String, byte[]> files =
        Map.of(
            "tiny.py",
            valid(),
            "data.csv",
            "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8),
            "weights.bin",
            new byte[] {0, (byte) 0xff, 1});
    source(ns, "src", files);
    classroom(ns);
    create(ns, "m1", "src", null);

    Assignment released = until(ns, "m1", "released", a -> "True".equals(status(a, "Released")));
    assertThat(condition(released, "Validated").getStatus()).isEqualTo("True");
    assertThat(released.getStatus().maxPoints).isPositive();
    assertThat(released.getStatus().releasedRevision).hasSize(10);
    assertThat(condition(released, "Released").getObservedGeneration())
        .isEqualTo(released.getMetadata().getGeneration());

    Path module = Files.createDirectories(dir.resolve("source/m1"));
    for (var file : files.entrySet()) {
      Files.write(module.resolve(file.getKey()), file.getValue());
    }
    new ModuleRelease(NotebookFiles::read, NotebookFiles::isNotebook)
        .release(
            module,
            dir.resolve("release/m1"),
            dir.resolve("gradebook.json"),
            "m1",
            new QualityGates().releaser());
    Map<String, byte[]> expected = new TreeMap<>();
    try (Stream<Path> written = Files.list(dir.resolve("release/m1"))) {
      for (Path file : written.toList()) {
        expected.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    assertThat(storedFiles(ns, "m1", released.getStatus().releasedRevision))
        .containsOnlyKeys(expected.keySet())
        .allSatisfy((name, content) -> assertThat(content).as(name).isEqualTo(expected.get(name)));
    Secret gradebook =
        client
            .secrets()
            .inNamespace(ns)
            .withName("m1-gradebook-" + released.getStatus().releasedRevision)
            .get();
    assertThat(
            new String(
                Base64.getDecoder().decode(gradebook.getData().get("gradebook.json")),
                StandardCharsets.UTF_8))
        .contains("\"m1\"", "grade_cells", "source_cells");
  }

  @Test
  void anInvalidModuleIsNotValidatedAndNothingIsStored() throws IOException {
    String ns = namespace();
    source(
        ns,
        "src",
        Map.of("dup.ipynb", Files.readAllBytes(INPUTS.resolve("inv-duplicate-grade-id.ipynb"))));
    classroom(ns);
    create(ns, "bad", "src", null);

    Assignment refused = until(ns, "bad", "refused", a -> "False".equals(status(a, "Validated")));
    assertThat(condition(refused, "Validated").getReason()).isEqualTo("GateErrors");
    assertThat(condition(refused, "Validated").getMessage()).contains("dup.ipynb", "error");
    assertThat(condition(refused, "Released").getStatus()).isEqualTo("False");
    assertThat(refused.getStatus().releasedRevision).isNull();
    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withLabel(ReleaseObjects.ASSIGNMENT, "bad")
                .list()
                .getItems())
        .isEmpty();
    assertThat(
            client
                .secrets()
                .inNamespace(ns)
                .withLabel(ReleaseObjects.ASSIGNMENT, "bad")
                .list()
                .getItems())
        .isEmpty();
    // Events are recorded after the status write that shows the condition
    assertThat(
            Eventually.until(
                "an Event GateErrors",
                Duration.ofSeconds(30),
                () -> client.v1().events().inNamespace(ns).list().getItems(),
                events -> events.stream().anyMatch(e -> "GateErrors".equals(e.getReason())),
                () -> null))
        .isNotEmpty();
  }

  @Test
  void aMissingSourceOrClassroomIsACondition() throws IOException {
    String ns = namespace();
    create(ns, "lost", "nowhere", null);
    Assignment missing =
        until(ns, "lost", "source not found", a -> "False".equals(status(a, "Validated")));
    assertThat(condition(missing, "Validated").getReason()).isEqualTo("SourceNotFound");
    assertThat(condition(missing, "Validated").getMessage()).contains("'nowhere'");

    source(ns, "found", Map.of("tiny.py", valid()));
    pointTo(ns, "lost", "found");
    Assignment noClassroom =
        until(
            ns,
            "lost",
            "classroom not found",
            a ->
                condition(a, "Released") != null
                    && "ClassroomNotFound".equals(condition(a, "Released").getReason()));
    assertThat(condition(noClassroom, "Released").getMessage()).contains("spec.classroom");
  }

  @Test
  void aFutureReleaseIsScheduledThenReleased() throws IOException {
    String ns = namespace();
    source(ns, "src", Map.of("tiny.py", valid()));
    classroom(ns);
    create(ns, "later", "src", Instant.now().plusSeconds(3).toString());

    Assignment scheduled =
        until(ns, "later", "scheduled", a -> "Scheduled".equals(reason(a, "Released")));
    assertThat(scheduled.getStatus().releasedRevision).isNull();
    Assignment released = until(ns, "later", "released", a -> "True".equals(status(a, "Released")));
    assertThat(released.getStatus().releasedRevision).isNotNull();
  }

  @Test
  void aNewSourceIsANewRevisionAndTheOldRevisionIsDeleted() throws IOException {
    String ns = namespace();
    byte[] notebook = valid();
    source(ns, "src", Map.of("tiny.py", notebook));
    classroom(ns);
    create(ns, "m", "src", null);
    String first =
        until(ns, "m", "released", a -> "True".equals(status(a, "Released")))
            .getStatus()
            .releasedRevision;

    source(
        ns,
        "src-v2",
        Map.of("tiny.py", notebook, "extra.txt", "new".getBytes(StandardCharsets.UTF_8)));
    pointTo(ns, "m", "src-v2");
    String second =
        until(
                ns,
                "m",
                "new revision",
                a ->
                    a.getStatus() != null
                        && a.getStatus().releasedRevision != null
                        && !a.getStatus().releasedRevision.equals(first))
            .getStatus()
            .releasedRevision;

    assertThat(storedFiles(ns, "m", second)).containsKeys("tiny.ipynb", "extra.txt");
    until(
        ns,
        "m",
        "old revision deleted",
        a ->
            client
                    .configMaps()
                    .inNamespace(ns)
                    .withLabel(ReleaseObjects.REVISION, first)
                    .list()
                    .getItems()
                    .isEmpty()
                && client
                    .secrets()
                    .inNamespace(ns)
                    .withLabel(ReleaseObjects.REVISION, first)
                    .list()
                    .getItems()
                    .isEmpty());
  }

  @Test
  void aLargeDataFileIsSplitAcrossConfigMapsAndJoinsBackToTheSameBytes() throws IOException {
    String ns = namespace();
    byte[] large = new byte[2 * 1024 * 1024];
    new Random(7).nextBytes(large);
    source(ns, "src", Map.of("tiny.py", valid(), "big.bin", large));
    classroom(ns);
    create(ns, "big", "src", null);
    String revision =
        until(ns, "big", "released", a -> "True".equals(status(a, "Released")))
            .getStatus()
            .releasedRevision;

    List<ConfigMap> stored =
        client
            .configMaps()
            .inNamespace(ns)
            .withLabel(ReleaseObjects.REVISION, revision)
            .list()
            .getItems();
    assertThat(stored)
        .hasSizeGreaterThan(2)
        .allSatisfy(
            cm -> assertThat(storedSize(cm)).isLessThanOrEqualTo(ReleaseObjects.LIMIT_BYTES));
    assertThat(storedFiles(ns, "big", revision).get("big.bin")).isEqualTo(large);
  }

  // --- harness ---

  /** Joins the release ConfigMaps of a revision back into files, pieces in order. */
  private static Map<String, byte[]> storedFiles(String ns, String assignment, String revision) {
    Map<String, byte[]> keys = new TreeMap<>();
    for (ConfigMap cm :
        client
            .configMaps()
            .inNamespace(ns)
            .withLabel(ReleaseObjects.ASSIGNMENT, assignment)
            .withLabel(ReleaseObjects.REVISION, revision)
            .list()
            .getItems()) {
      if (cm.getData() != null) {
        cm.getData().forEach((k, v) -> keys.put(k, v.getBytes(StandardCharsets.UTF_8)));
      }
      if (cm.getBinaryData() != null) {
        cm.getBinaryData().forEach((k, v) -> keys.put(k, Base64.getDecoder().decode(v)));
      }
    }
    Map<String, byte[]> files = new TreeMap<>();
    keys.forEach(
        (key, content) -> {
          int part = key.indexOf(ReleaseObjects.PART);
          String name = part < 0 ? key : key.substring(0, part);
          byte[] before = files.getOrDefault(name, new byte[0]);
          byte[] joined = java.util.Arrays.copyOf(before, before.length + content.length);
          System.arraycopy(content, 0, joined, before.length, content.length);
          files.put(name, joined);
        });
    return files;
  }

  private static long storedSize(ConfigMap cm) {
    long size = 0;
    for (Map<String, String> map : java.util.Arrays.asList(cm.getData(), cm.getBinaryData())) {
      if (map != null) {
        for (var entry : map.entrySet()) {
          size += entry.getKey().length() + entry.getValue().length();
        }
      }
    }
    return size;
  }
}
