package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo: the real operator grades the sample students' work in Jobs the local kubelet runs. */
class DemoEndToEndTest {
  @Test
  void gradesTheSampleStudentsAndWritesTheirFeedbackPages(@TempDir Path folder) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Demo demo = new Demo(new Demo.Settings(SamplesTest.SAMPLES, "01_tensor", folder, Duration.ofMinutes(5), 2,
        LocalImages.sameClassPath(TitoWithDemo.class.getName())), new PrintStream(printed, true, StandardCharsets.UTF_8));

    demo.run();

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("classroom ml: ready, 3 students (ada, ben, eve)")
        .contains("assignment tensors: validated (5 points), released revision ")
        .contains("submission tensors-ada (ada): Graded, score 3/5")
        .contains("submission tensors-ben (ben): Graded, score 1/5")
        .contains("submission tensors-eve (eve): Graded, score 0/5")
        .contains("done: 3 of 3 submissions graded, 0 failed");
    for (String student : new String[] {"ada", "ben", "eve"}) {
      assertThat(folder.resolve("feedback").resolve(student + ".html")).content().contains("<html");
    }
    // the hidden test stays hidden in what the student sees
    assertThat(folder.resolve("feedback/ben.html")).content().doesNotContain("BEGIN HIDDEN TESTS");
  }
}
