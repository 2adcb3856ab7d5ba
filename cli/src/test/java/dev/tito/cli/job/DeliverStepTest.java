package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.cli.TitoRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tito job deliver}: each rule of the delivery contract, on a projected release and a student's home. */
class DeliverStepTest {
  private static final String REV = "ab12cd34ef";
  @TempDir Path temp;

  private Path release(String... namesAndContents) throws IOException {
    return ProjectedVolume.of(
        Files.createDirectories(temp.resolve("release")), ProjectedVolume.text(namesAndContents));
  }

  private Path home() {
    return temp.resolve("home");
  }

  private Path delivered(String name) {
    return home().resolve("assignments/tensors").resolve(name);
  }

  private TitoRun deliver(Path release, String revision) {
    return TitoRun.of(
        "job",
        "deliver",
        "--release",
        release.toString(),
        "--home",
        home().toString(),
        "--assignment",
        "tensors",
        "--revision",
        revision);
  }

  /** Every file and folder under the home with its content and modification time. */
  private Map<String, String> state() {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(home())) {
      for (Path path : walk.toList()) {
        FileTime time = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        state.put(
            home().relativize(path).toString(),
            (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(path)
                    : "<dir>")
                + " @"
                + time.toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state;
  }

  @Test
  void aFirstDeliveryWritesEveryFileGroupWritableAndTheMarkerLast() throws Exception {
    TitoRun run = deliver(release("01_tensor.ipynb", "{\"v\": 1}", "data.csv", "a,b\n"), REV);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "tito: delivered tensors "
                + REV
                + ": 2 written, 0 beside the student's changed copy,"
                + " 0 unchanged\n");
    assertThat(delivered("01_tensor.ipynb")).hasContent("{\"v\": 1}");
    assertThat(delivered("data.csv")).hasContent("a,b\n");
    assertThat(delivered(".tito-delivered")).hasContent(REV + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(delivered("data.csv"))))
        .isEqualTo("rw-rw-r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(delivered(""))))
        .isEqualTo("rwxrwxr-x");
    try (Stream<Path> files = Files.list(delivered(""))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .containsExactlyInAnyOrder("01_tensor.ipynb", "data.csv", ".tito-delivered");
    }
  }

  @Test
  void theStudentsChangedNotebookIsKeptAndTheNewOneGoesBesideItIdenticalFilesAreLeftAlone()
      throws Exception {
    Path first = release("01_tensor.ipynb", "{\"v\": 1}", "data.csv", "a,b\n");
    assertThat(deliver(first, "rev1").exitCode()).isZero();
    Files.writeString(delivered("01_tensor.ipynb"), "{\"v\": 1, \"student\": \"my work\"}");
    Files.setLastModifiedTime(delivered("data.csv"), FileTime.fromMillis(1_000_000));

    Path second =
        ProjectedVolume.of(
            Files.createDirectories(temp.resolve("release2")),
            ProjectedVolume.text("01_tensor.ipynb", "{\"v\": 2}", "data.csv", "a,b\n"));
    TitoRun run = deliver(second, REV);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("0 written, 1 beside the student's changed copy, 1 unchanged");
    assertThat(delivered("01_tensor.ipynb")).hasContent("{\"v\": 1, \"student\": \"my work\"}");
    assertThat(delivered("01_tensor." + REV + ".ipynb")).hasContent("{\"v\": 2}");
    assertThat(Files.getLastModifiedTime(delivered("data.csv")).toMillis()).isEqualTo(1_000_000);
    assertThat(delivered(".tito-delivered")).hasContent(REV + "\n");
  }

  @Test
  void deliveringTwiceChangesNothing() throws Exception {
    Path release =
        release(
            "01_tensor.ipynb",
            "{\"v\": 2}",
            "big.bin.tito-part-0000",
            "AB",
            "big.bin.tito-part-0001",
            "C");
    Files.createDirectories(delivered(""));
    Files.writeString(delivered("01_tensor.ipynb"), "student's");
    assertThat(deliver(release, REV).exitCode()).isZero();
    Map<String, String> once = state();

    TitoRun again = deliver(release, REV);

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("0 written, 0 beside the student's changed copy, 2 unchanged");
    assertThat(state()).isEqualTo(once);
  }

  @Test
  void partsAreJoinedIntoOneFile() throws Exception {
    assertThat(
            deliver(release("big.bin.tito-part-0001", "CD", "big.bin.tito-part-0000", "AB"), REV)
                .exitCode())
        .isZero();

    assertThat(delivered("big.bin")).hasContent("ABCD");
    assertThat(delivered("big.bin.tito-part-0000")).doesNotExist();
  }

  @Test
  void aNestedDataFolderIsDeliveredNested() throws Exception {
    Path release = Files.createDirectories(temp.resolve("plain/data/images"));
    Files.writeString(release.resolve("cat.txt"), "meow");
    Files.writeString(temp.resolve("plain/01_tensor.ipynb"), "{}");

    assertThat(deliver(temp.resolve("plain"), REV).exitCode()).isZero();

    assertThat(delivered("data/images/cat.txt")).hasContent("meow");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(delivered("data/images"))))
        .isEqualTo("rwxrwxr-x");
  }

  @Test
  void aLinkTheStudentMadeIsNeverWrittenThrough(@TempDir Path elsewhere) throws Exception {
    Files.createDirectories(delivered(""));
    Files.writeString(elsewhere.resolve("target"), "untouched");
    Files.createSymbolicLink(delivered("data.csv"), elsewhere.resolve("target"));

    assertThat(deliver(release("data.csv", "a,b\n"), REV).exitCode()).isZero();

    assertThat(elsewhere.resolve("target")).hasContent("untouched");
    assertThat(delivered("data." + REV + ".csv")).hasContent("a,b\n");
  }

  @Test
  void aChangedCopyBesideIsLeftAloneToo() throws Exception {
    Files.createDirectories(delivered(""));
    Files.writeString(delivered("notes"), "mine");
    Files.writeString(delivered("notes." + REV), "mine too");

    TitoRun run = deliver(release("notes", "release"), REV);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("1 left alone");
    assertThat(delivered("notes")).hasContent("mine");
    assertThat(delivered("notes." + REV)).hasContent("mine too");
  }

  @Test
  void aRevisionThatIsNoPlainNameIsAOneLineUsageError() throws Exception {
    TitoRun run = deliver(release("a", "b"), "../../etc");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("tito: job deliver: --revision must be a name")
        .endsWith("'../../etc'\n")
        .hasLineCount(1);
    assertThat(home()).doesNotExist();
  }

  @Test
  void aMissingReleaseIsAOneLineErrorNamingIt() {
    TitoRun run = deliver(temp.resolve("nothing"), REV);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("tito: " + temp.resolve("nothing") + ": no such release folder\n");
  }

  @Test
  void anUnwritableHomeIsAnIoErrorAndNoMarker() throws Exception {
    Files.createDirectories(home().resolve("assignments"));
    Files.writeString(home().resolve("assignments/tensors"), "a file where the folder should be");

    TitoRun run = deliver(release("a", "b"), REV);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("tito: " + home().resolve("assignments/tensors") + ": cannot deliver:")
        .hasLineCount(1);
  }

  @Test
  void besideNamesKeepTheExtension() {
    HomeDelivery delivery = new HomeDelivery(temp, REV);

    assertThat(delivery.besideName("01_tensor.ipynb")).isEqualTo("01_tensor." + REV + ".ipynb");
    assertThat(delivery.besideName("Makefile")).isEqualTo("Makefile." + REV);
    assertThat(delivery.besideName(".env")).isEqualTo(".env." + REV);
  }

  @Test
  void aJobWithoutAStepIsAOneLineUsageError() {
    TitoRun run = TitoRun.of("job");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tito: job: missing step: prepare, score or deliver\n");
  }

  @Test
  void theJobGroupIsHiddenFromHelp() {
    TitoRun help = TitoRun.of("--help");

    assertThat(help.out()).contains("module").doesNotContain("job");
  }
}
