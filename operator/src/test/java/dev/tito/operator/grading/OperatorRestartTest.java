package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.grading.Courses.Course;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The status is the record and Jobs are found by name: a restart in the middle of a burst loses and repeats nothing. */
class OperatorRestartTest extends GradingOnMockServer {

  @Test
  void aRestartInTheMiddleOfABurstGradesEverySubmissionExactlyOnce() throws IOException {
    Course course =
        course(
            g -> g.maxConcurrent = 3,
            a -> {},
            IntStream.rangeClosed(1, 12).mapToObj(i -> "st" + i).toArray(String[]::new));
    kubeletGivesFullMarks(course);
    List<String> names = IntStream.rangeClosed(1, 12).mapToObj(i -> "st" + i).toList();
    names.forEach(name -> submitRelease(course, name, name));

    until(course, "st2", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    operator.close();
    operator = startOperator();

    for (String name : names) {
      assertThat(
              until(course, name, "graded", s -> s.getStatus().phase == SubmissionPhase.Graded)
                  .getStatus()
                  .score)
          .as(name)
          .isEqualTo(maxPoints(course));
      assertThat(jobsOf(course, name).stream().map(j -> j.getMetadata().getName()).toList())
          .as("Jobs of " + name + ", status " + current(course, name).getStatus().message)
          .hasSize(1);
    }
  }
}
