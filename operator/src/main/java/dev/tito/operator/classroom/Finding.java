package dev.tito.operator.classroom;

/**
 * Something wrong with a Classroom's spec, shown as a condition and an Event.
 *
 * @param condition the condition type it is reported under (RosterValid, ImagePinned, SpecValid)
 * @param reason a CamelCase reason, e.g. DuplicateStudentId
 * @param message one line naming the field or roster entry
 */
public record Finding(String condition, String reason, String message) {}
