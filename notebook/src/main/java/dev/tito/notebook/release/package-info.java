/**
 * The student release, compatible with nbgrader 0.9.5's {@code generate_assignment}: one class per
 * preprocessor, composed in nbgrader's order by {@link dev.tito.notebook.release.StudentRelease};
 * {@link dev.tito.notebook.release.ModuleRelease} releases a whole module folder atomically.
 *
 * <p>Differences from nbgrader: AUTOTEST lines are refused (nbgrader expands them in a live kernel);
 * a release never skips an existing release folder (nbgrader needs {@code --force}); all notebooks of a
 * module are tried and every failure reported, where nbgrader stops at a schema-version error.
 */
package dev.tito.notebook.release;
