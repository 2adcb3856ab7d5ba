package dev.tito.operator.classroom;

/** A student as read from the roster, inline or CSV. */
public record Student(String id, String name, String email) {}
