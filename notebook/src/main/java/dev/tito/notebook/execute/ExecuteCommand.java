package dev.tito.notebook.execute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grading Job's execute step ({@code execute_notebooks.py}, docs/grading-jobs.md): run in
 * {@code <scratch>/prepared}, it takes every prepared notebook off the disk before any student code runs, executes
 * each with its own {@code python3 -m nbconvert --stdin --stdout} (the same Python), and writes {@code <scratch>/executed/<nb>.ipynb}
 * only after every other process of the container is dead.
 */
public final class ExecuteCommand {
  private static final String RESOURCE = "execute_notebooks.py";

  private ExecuteCommand() {}

  /** {@code python3 -I -c <script> <scratch> <notebook>...}: the script needs only Python's standard library. */
  public static List<String> of(String scratch, List<String> notebooks) {
    List<String> command = new ArrayList<>(List.of("python3", "-I", "-c", script(), scratch));
    command.addAll(notebooks);
    return command;
  }

  private static String script() {
    try (InputStream in = ExecuteCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
