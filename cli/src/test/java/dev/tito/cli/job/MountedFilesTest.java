package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedFilesTest {
  @TempDir Path dir;

  private String text(MountedFiles files, String path) {
    return new String(files.bytes(path), StandardCharsets.UTF_8);
  }

  @Test
  void readsAProjectedConfigMapAsItsKeysWithoutTheKubeletsOwnEntries() {
    MountedFiles files =
        MountedFiles.read(
            ProjectedVolume.of(
                dir, ProjectedVolume.text("01_tensor.ipynb", "{}", "data.csv", "a,b\n")));

    assertThat(files.paths()).containsExactly("01_tensor.ipynb", "data.csv");
    assertThat(text(files, "data.csv")).isEqualTo("a,b\n");
  }

  @Test
  void joinsPartsInTheirNumberedOrder() {
    MountedFiles files =
        MountedFiles.read(
            ProjectedVolume.of(
                dir,
                ProjectedVolume.text(
                    "weights.bin.tito-part-0002",
                    "C",
                    "weights.bin.tito-part-0000",
                    "A",
                    "weights.bin.tito-part-0001",
                    "B")));

    assertThat(files.paths()).containsExactly("weights.bin");
    assertThat(text(files, "weights.bin")).isEqualTo("ABC");
  }

  @Test
  void aMissingPartIsAnErrorNamingIt() {
    ProjectedVolume.of(
        dir, ProjectedVolume.text("w.bin.tito-part-0000", "A", "w.bin.tito-part-0002", "C"));

    assertThatThrownBy(() -> MountedFiles.read(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(dir.resolve("w.bin") + ".tito-part-0001: missing");
  }

  @Test
  void aFileAndItsPartsTogetherAreAnError() {
    ProjectedVolume.of(dir, ProjectedVolume.text("w.bin", "X", "w.bin.tito-part-0000", "A"));

    assertThatThrownBy(() -> MountedFiles.read(dir))
        .hasMessageContaining("w.bin: both the file and its");
  }

  @Test
  void aPlainFolderReadsWithItsSubfolders() throws Exception {
    Files.createDirectories(dir.resolve("data/images"));
    Files.writeString(dir.resolve("data/images/cat.txt"), "meow");
    Files.writeString(dir.resolve("readme.md"), "hi");

    MountedFiles files = MountedFiles.read(dir);

    assertThat(files.paths()).containsExactly("data/images/cat.txt", "readme.md");
    assertThat(text(files, "data/images/cat.txt")).isEqualTo("meow");
  }

  @Test
  void aLinkLeavingTheFolderIsRefused(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(dir.resolve("secret"), outside.resolve("secret"));

    assertThatThrownBy(() -> MountedFiles.read(dir))
        .hasMessageContaining("secret: links to")
        .hasMessageContaining("outside");
  }

  @Test
  void aLinkBackUpTheTreeIsReadOnce() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/f"), "x");
    Files.createSymbolicLink(dir.resolve("a/up"), Path.of(".."));

    assertThat(MountedFiles.read(dir).paths()).containsExactly("a/f");
  }

  @Test
  void aMissingFolderIsAnErrorNamingIt() {
    assertThatThrownBy(() -> MountedFiles.read(dir.resolve("nope")))
        .hasMessage(dir.resolve("nope") + ": no such folder");
  }

  @Test
  void noKeysIsAnEmptyRelease() {
    assertThat(MountedFiles.read(ProjectedVolume.of(dir, Map.of())).paths()).isEmpty();
  }
}
