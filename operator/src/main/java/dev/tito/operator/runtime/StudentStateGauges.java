package dev.tito.operator.runtime;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code tito_classroom_students{classroom_namespace, classroom, state}}: each Classroom's status counts, read from
 * the operator's Classroom cache at every scrape so a deleted Classroom's series disappear with it. The label is
 * not "namespace" because Prometheus gives that one the scraped pod's namespace.
 */
public final class StudentStateGauges {
  private static final Map<String, Function<ClassroomStatus, Integer>> STATES =
      Map.of(
          "ready", s -> s.ready,
          "stopped", s -> s.stopped,
          "pending", s -> s.pending,
          "failed", s -> s.failed,
          "pendingRestart", s -> s.pendingRestart);

  private final MultiGauge students;
  private volatile Supplier<Stream<Classroom>> classrooms = Stream::empty;

  public StudentStateGauges(MeterRegistry registry) {
    this.students =
        MultiGauge.builder("tito.classroom.students")
            .description("Students of a Classroom by the state of their Jupyter server")
            .register(registry);
  }

  /** Where the Classrooms come from: the reconciler's primary cache, once its event sources are prepared. */
  public void readFrom(Supplier<Stream<Classroom>> classrooms) {
    this.classrooms = classrooms;
  }

  /** Replaces every series with the cache's current counts. */
  public void refresh() {
    List<MultiGauge.Row<?>> rows =
        classrooms
            .get()
            .filter(c -> c.getStatus() != null)
            .flatMap(
                c ->
                    STATES.entrySet().stream()
                        .map(
                            state ->
                                MultiGauge.Row.of(
                                    Tags.of(
                                        "classroom_namespace",
                                        c.getMetadata().getNamespace(),
                                        "classroom",
                                        c.getMetadata().getName(),
                                        "state",
                                        state.getKey()),
                                    count(state.getValue().apply(c.getStatus())))))
            .<MultiGauge.Row<?>>map(row -> row)
            .toList();
    students.register(rows, true);
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
