package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstructorReadsTest {
  private static final Instant READ = Instant.parse("2026-03-01T12:00:00Z");
  private static final InstructorReads.Read<String> LAST =
      new InstructorReads.Read<>("uid-1/3", READ, "files");

  static Stream<Arguments> reads() {
    return Stream.of(
        Arguments.of(
            "a read of the same spec a moment ago is used",
            LAST,
            "uid-1/3",
            READ.plusSeconds(1),
            true),
        Arguments.of(
            "a read just under the age limit is used",
            LAST,
            "uid-1/3",
            READ.plus(InstructorReads.MAX_AGE).minusMillis(1),
            true),
        Arguments.of(
            "a read as old as the limit is read again",
            LAST,
            "uid-1/3",
            READ.plus(InstructorReads.MAX_AGE),
            false),
        Arguments.of(
            "a changed spec is read again at once", LAST, "uid-1/4", READ.plusSeconds(1), false),
        Arguments.of(
            "an object deleted and made again under its name is read again",
            LAST,
            "uid-2/3",
            READ.plusSeconds(1),
            false),
        Arguments.of(
            "a clock that went back reads again", LAST, "uid-1/3", READ.minusSeconds(1), false),
        Arguments.of("nothing read yet is read", null, "uid-1/3", READ, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void aReadIsKeptForTheSameSpecUnderAMinute(
      String sentence,
      InstructorReads.Read<String> last,
      String version,
      Instant now,
      boolean fresh) {
    assertThat(InstructorReads.fresh(last, version, now)).isEqualTo(fresh);
  }

  private static Assignment assignment(String namespace, String name, String uid, long generation) {
    Assignment assignment = new Assignment();
    assignment.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid(uid)
            .withGeneration(generation)
            .build());
    return assignment;
  }

  @Test
  void anAssignmentWokenBySubmissionsReadsItsSourceOnceAndAMissingSourceEachTime() {
    InstructorReads reads = new InstructorReads();
    Assignment assignment = assignment("ml", "m1", "uid-1", 3L);
    AtomicInteger gets = new AtomicInteger();
    Map<String, byte[]> files = new TreeMap<>(Map.of("m1.py", new byte[] {1}));
    AssignmentSource found = new AssignmentSource("Secret src", new TreeMap<>(files));

    for (int second = 0; second < 10; second++) {
      reads.source(
          assignment,
          READ.plusSeconds(second),
          () -> {
            gets.incrementAndGet();
            return found;
          });
    }
    assertThat(gets).as("ten reconciles in ten seconds").hasValue(1);

    for (int second = 0; second < 3; second++) {
      reads.source(
          assignment("ml", "m2", "uid-2", 1L),
          READ.plusSeconds(second),
          () -> {
            gets.incrementAndGet();
            return null;
          });
    }
    assertThat(gets).as("a source not found yet is looked for at every reconcile").hasValue(4);
  }
}
