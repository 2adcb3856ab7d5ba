package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import java.util.List;

/**
 * A module's graded submissions, as exports read them.
 *
 * @param duedate the release's due date text (any form {@code SubmissionTimestamp} reads), or null
 */
public record ModuleGrades(String module, String duedate, List<GradingResult> results) {}
