package dev.tito.operator.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often an Assignment's status is written when only its submissions summary moved: at most once per
 * {@link #INTERVAL}, the count of the end of it written then. Students submitting one after another would otherwise
 * cost a status write each (in a burst their events coalesce anyway); any other change is written at once.
 */
final class TallyPace {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** By uid, when this process last wrote the Assignment's status. */
  private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

  /** How long to hold {@code next} back, or null to write it now. */
  Duration hold(Assignment assignment, AssignmentStatus next, Instant now) {
    return hold(
        lastWritten.get(assignment.getMetadata().getUid()),
        onlyTallyMoved(assignment.getStatus(), next),
        now);
  }

  /** The status was written at {@code now}. */
  void written(Assignment assignment, Instant now) {
    lastWritten.put(assignment.getMetadata().getUid(), now);
  }

  static Duration hold(Instant lastWritten, boolean onlyTallyMoved, Instant now) {
    if (!onlyTallyMoved || lastWritten == null) {
      return null;
    }
    Instant due = lastWritten.plus(INTERVAL);
    return now.isBefore(due) ? Duration.between(now, due) : null;
  }

  /** Whether the two differ in the submissions summary and nothing else. */
  static boolean onlyTallyMoved(AssignmentStatus before, AssignmentStatus next) {
    if (before == null || next == null) {
      return false;
    }
    ObjectNode was = JSON.valueToTree(before);
    ObjectNode will = JSON.valueToTree(next);
    JsonNode wasTally = was.remove("submissions");
    JsonNode willTally = will.remove("submissions");
    return was.equals(will) && !Objects.equals(wasTally, willTally);
  }
}
