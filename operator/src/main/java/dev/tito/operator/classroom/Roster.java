package dev.tito.operator.classroom;

import java.util.List;

/**
 * The roster as the operator understood it.
 *
 * @param students valid students, each id once, in roster order
 * @param findings entries refused (duplicates, invalid names) or why the roster could not be read
 * @param complete false when the roster could not be read at all: nobody may then be removed
 */
public record Roster(List<Student> students, List<Finding> findings, boolean complete) {
  public static final String CONDITION = "RosterValid";

  public int refused() {
    return complete ? findings.size() : 0;
  }
}
