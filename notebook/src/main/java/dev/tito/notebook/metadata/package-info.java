/**
 * nbgrader's cell metadata ({@code metadata.nbgrader}, schema version 3): validation with nbgrader's exact
 * messages and order, and the upgrade from older schema versions ({@code nbgrader update}).
 */
package dev.tito.notebook.metadata;
