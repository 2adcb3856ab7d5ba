package dev.tito.notebook.execute;

import java.util.ArrayList;
import java.util.List;

/**
 * The grading Job's execute step ({@code execute_notebooks.py}, docs/grading-jobs.md): run in
 * {@code <scratch>/prepared}, it takes every prepared notebook off the disk before any student code runs, executes
 * each in its own grading worker (the engine of {@link LocalJupyterExecutor}, the same Python), and writes
 * {@code <scratch>/executed/<nb>.ipynb} only after every other process of the container is dead.
 */
public final class ExecuteCommand {
  private static final String RESOURCE = "execute_notebooks.py";

  private ExecuteCommand() {}

  /**
   * {@code python3 -I -c <script> <worker> <forge> <guard> <scratch> <notebook>...}: the script needs only Python's
   * standard library, the worker nbconvert and ipykernel.
   */
  public static List<String> of(String scratch, List<String> notebooks) {
    List<String> command =
        new ArrayList<>(List.of("python3", "-I", "-c", GradingConfig.resource(RESOURCE)));
    command.addAll(
        LocalJupyterExecutor.WORKER_SCRIPTS.stream().map(GradingConfig::resource).toList());
    command.add(scratch);
    command.addAll(notebooks);
    return command;
  }
}
