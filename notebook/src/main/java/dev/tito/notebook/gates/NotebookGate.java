package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;
import java.util.List;

/** One family of rules checked on a single notebook. */
interface NotebookGate {
  List<Finding> check(Path file, Notebook notebook);
}
