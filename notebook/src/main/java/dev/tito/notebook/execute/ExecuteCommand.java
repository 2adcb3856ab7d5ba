package dev.tito.notebook.execute;

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
    return GradingConfig.resource(RESOURCE);
  }
}
