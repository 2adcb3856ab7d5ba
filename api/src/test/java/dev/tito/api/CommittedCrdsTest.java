package dev.tito.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRD YAML committed to the repository is exactly what the build generates from the Java classes. */
class CommittedCrdsTest {
  private static final String HOW_TO_FIX =
      "committed CRDs are stale: run `mvn -B -pl api -Pupdate-crds process-classes` and commit crds/ and helm/tito-operator/crds/";

  private static final Path GENERATED =
      Path.of(System.getProperty("crds.generated", "target/crds"));

  @ParameterizedTest
  @ValueSource(strings = {"../crds", "../helm/tito-operator/crds"})
  void committedCopyMatchesGeneratedYaml(String committedFolder) throws IOException {
    Path committed = Path.of(committedFolder);
    List<String> generatedNames = fileNames(GENERATED);
    assertThat(generatedNames).as("generated CRDs in " + GENERATED).hasSize(4);
    assertThat(fileNames(committed)).as(HOW_TO_FIX).containsExactlyElementsOf(generatedNames);
    for (String name : generatedNames) {
      assertThat(Files.readString(committed.resolve(name)))
          .as(HOW_TO_FIX + " (" + committed.resolve(name) + ")")
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  private static List<String> fileNames(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
