/**
 * The reference-solution gate ({@code tito module validate --execute}) and the benchmark gate ({@code tito module
 * benchmark}): a module's instructor source, solutions in place, and its student release graded by the autograder
 * itself ({@link dev.tito.notebook.autograde.NotebookAutograder}: the engine, kernel, limits and scoring of {@code tito
 * module grade}). {@link ReferenceRuns} runs them (I/O); {@link ReferenceFindings} and {@link ModuleBenchmark} decide
 * what the runs mean (pure).
 */
package dev.tito.notebook.reference;
