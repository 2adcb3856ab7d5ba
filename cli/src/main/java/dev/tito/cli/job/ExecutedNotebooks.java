package dev.tito.cli.job;

import dev.tito.notebook.execute.ExecutedNotebook;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.ipynb.Notebook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The score step's executor: the execute container already ran the notebooks, so this reads what it left in
 * {@code <work>/executed/}, as untrusted as a local run's pipe (student code could write there): a regular file,
 * no link, at most {@link #MAX_BYTES}, then the same check as a local run.
 */
final class ExecutedNotebooks implements NotebookExecutor {
  /** The score container's heap must hold it several times over (tree, student view, feedback). */
  static final long MAX_BYTES = 16L << 20;

  private final Path folder;

  ExecutedNotebooks(Path folder) {
    this.folder = folder;
  }

  @Override
  public ExecutionOutcome execute(
      String fileName,
      Notebook notebook,
      List<Path> dataDirs,
      ExecutionLimits limits,
      ExecutionPurpose purpose) {
    long start = System.nanoTime();
    Path file = folder.resolve(fileName);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return invalid("the grading run left no executed " + fileName, start);
    } catch (IOException e) {
      return invalid("cannot read the executed " + fileName + ": " + e.getMessage(), start);
    }
    if (!attributes.isRegularFile()) {
      return invalid(
          "the grading run left something other than a file as the executed " + fileName, start);
    }
    if (attributes.size() > MAX_BYTES) {
      return invalid(
          String.format(
              "the executed %s is %.1f MB, more than the %d MB a grading Job scores "
                  + "(too much output)",
              fileName, attributes.size() / 1e6, MAX_BYTES >> 20),
          start);
    }
    byte[] bytes;
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(
                file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException e) {
      return invalid("cannot read the executed " + fileName + ": " + e.getMessage(), start);
    }
    if (bytes.length > MAX_BYTES) {
      return invalid("the executed " + fileName + " grew while it was read", start);
    }
    return ExecutedNotebook.check(bytes, notebook, elapsed(start));
  }

  private static ExecutionOutcome invalid(String message, long start) {
    return ExecutionOutcome.failed(FailureClass.INVALID_NOTEBOOK, message, elapsed(start));
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
