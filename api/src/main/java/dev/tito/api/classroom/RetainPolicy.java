package dev.tito.api.classroom;

/** What happens to a student's home volume when the student or the Classroom goes away. */
public enum RetainPolicy {
  Retain,
  Delete
}
