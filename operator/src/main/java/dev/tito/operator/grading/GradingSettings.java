package dev.tito.operator.grading;

import java.time.Duration;

/**
 * Settings of grading Jobs that come from the operator, not the Classroom.
 *
 * @param jobImage the operator's image, for the prepare and score steps
 * @param priorityClass the grading pods' PriorityClass, or null
 * @param retryBackoff the wait before the second attempt (doubled for each later one)
 */
public record GradingSettings(String jobImage, String priorityClass, Duration retryBackoff) {}
