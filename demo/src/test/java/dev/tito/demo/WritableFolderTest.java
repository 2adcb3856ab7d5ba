package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableFolderTest {
  @TempDir Path dir;

  @Test
  void aFolderThatCanBeMadeIsFineAndIsNotMadeYet() {
    Path folder = dir.resolve("a/b");

    assertThat(WritableFolder.problem(folder)).isEmpty();
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void aFolderUnderAFileNamesTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThat(WritableFolder.problem(file.resolve("demo")))
        .hasValue(file + " is a file, not a folder");
  }

  @Test
  void theDemoRefusesAnUnwritableFolderBeforeStartingAnything() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    DemoCommandTest.Result result =
        DemoCommandTest.run("demo", "--dir", file.resolve("demo").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "tito demo: --dir "
                + file.resolve("demo")
                + ": cannot write there: "
                + file
                + " is a file, not a folder\n");
  }
}
