package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs every code cell of a notebook with a Jupyter kernel. Implementations: {@link LocalJupyterExecutor}
 * (a child process), later a Kubernetes Job. A failing run is reported in the outcome, never thrown.
 */
public interface NotebookExecutor {

  /**
   * @param fileName the notebook's file name, for messages; an executor should not leave the file where student
   *     code can read it (it holds the hidden tests)
   * @param notebook the sanitised notebook (not modified)
   * @param dataDirs folders whose files are placed beside the notebook (a later folder's file wins)
   */
  ExecutionOutcome execute(
      String fileName,
      Notebook notebook,
      List<Path> dataDirs,
      ExecutionLimits limits,
      ExecutionPurpose purpose);
}
