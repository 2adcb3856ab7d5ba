package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Milliseconds spent in each phase of grading one notebook. */
public record Timings(
    @JsonProperty("sanitize_ms") long sanitizeMillis,
    @JsonProperty("execute_ms") long executeMillis,
    @JsonProperty("score_ms") long scoreMillis) {}
