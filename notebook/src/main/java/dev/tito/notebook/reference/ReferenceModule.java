package dev.tito.notebook.reference;

import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.release.ReleasedNotebook;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A module whose reference solution is graded: its notebooks as read (solutions in place), the student release the
 * gates made of each, and its folder, whose files other than {@code sources} are the run's data files, as {@code tito
 * module grade} hands them over.
 *
 * @param releases by notebook file; every notebook of {@code notebooks} has one
 * @param sources files of {@code folder} that are never data files (the module's notebooks, which hold the solutions)
 */
public record ReferenceModule(
    String name,
    Path folder,
    List<ModuleNotebook> notebooks,
    Map<Path, ReleasedNotebook> releases,
    Set<Path> sources) {

  public ReferenceModule {
    notebooks = List.copyOf(notebooks);
    releases = Map.copyOf(releases);
    sources = Set.copyOf(sources);
    for (ModuleNotebook notebook : notebooks) {
      if (releases.get(notebook.file()) == null) {
        throw new IllegalArgumentException(notebook.file() + ": no release to grade");
      }
    }
  }

  /**
   * The module as the gates read and released it, or empty when a notebook's release failed (the gates' errors say
   * why; there is then nothing to grade).
   *
   * @param sources the folder's notebook files (never handed to a run as data files)
   */
  public static Optional<ReferenceModule> of(
      String name,
      Path folder,
      List<ModuleNotebook> notebooks,
      GatedModule gated,
      Collection<Path> sources) {
    if (gated.releases().containsValue(null)
        || !gated
            .releases()
            .keySet()
            .containsAll(notebooks.stream().map(ModuleNotebook::file).toList())) {
      return Optional.empty();
    }
    return Optional.of(
        new ReferenceModule(name, folder, notebooks, gated.releases(), Set.copyOf(sources)));
  }

  /** The name the release gives a notebook file: its stem, as nbgrader's released {@code <stem>.ipynb}. */
  static String releasedName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
