package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;

/** A notebook of a module together with the file it was read from (for findings). */
public record ModuleNotebook(Path file, Notebook notebook) {}
