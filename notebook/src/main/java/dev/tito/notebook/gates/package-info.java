/**
 * Quality gates for instructor notebooks, run before a release ({@code tito module validate}).
 *
 * <p>Errors (a release would fail, or grading would break):
 * <ul>
 *   <li>every nbgrader metadata problem, cell by cell (schema version, JSON schema, grade_id, points,
 *       markdown and task rules) and every repeated grade_id, in nbgrader's exact words;</li>
 *   <li>every cell's region problem (nested or unterminated BEGIN/END with its line, a solution, hidden-test
 *       or mark-scheme region in the wrong kind of cell, an attachment in a mark scheme, an AUTOTEST line);</li>
 *   <li>whatever else makes the in-memory release fail (e.g. a kernel language without a code stub);</li>
 *   <li>a task cell that is not locked (nbgrader releases it, but its autograde fails on every submission);</li>
 *   <li>module-wide: a grade_id used in two notebooks of one module (tito keys grades by grade_id).</li>
 * </ul>
 *
 * <p>Errors for releases nbgrader makes but that are broken for students ({@link WholeCellStubs},
 * {@link ModulePoints}); a module that means them allows them by rule id ({@link Allowances}), and they are then
 * shown as warnings saying who allowed them:
 * <ul>
 *   <li>{@code stub-drops-names}: a code solution cell without BEGIN/END SOLUTION markers, replaced whole by the stub,
 *       binds names (imports, defs, classes, assignments) that code left in a later cell reads;</li>
 *   <li>{@code stub-replaces-tests}: such a cell holds tests (an {@code assert}, a {@code def test_...});</li>
 *   <li>{@code zero-points}: the module's release is worth 0 points.</li>
 * </ul>
 *
 * <p>Warnings (nbgrader releases it, but it is probably not what the instructor meant):
 * <ul>
 *   <li>a test cell storing {@code locked: false}: nbgrader locks every grade-only cell anyway, so the
 *       release is correct; the notebook should say so (nbgrader's own sample files store false, hence a
 *       warning rather than an error);</li>
 *   <li>a test cell worth 0 points; a raw grade cell (never run, so never auto-scored);</li>
 *   <li>a code solution cell without BEGIN/END SOLUTION markers whose stub breaks nothing later (the whole cell
 *       becomes the stub; markdown answers are meant to be replaced whole and are not flagged);</li>
 *   <li>an END line without a BEGIN (nbgrader drops it silently); a stored cell_type that no longer matches.</li>
 * </ul>
 * Test cells without points are already an error through the metadata rule ("does not have points").
 */
package dev.tito.notebook.gates;
