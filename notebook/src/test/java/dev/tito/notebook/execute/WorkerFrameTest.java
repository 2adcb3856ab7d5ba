package dev.tito.notebook.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worker's messages: a header line, then as many bytes as it announced, never more than tito accepts. */
class WorkerFrameTest {
  @Test
  void aFrameReadsBackAsItWasWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new WorkerFrame(
            WorkerFrame.header("run").put("run", 3),
            "{\"cells\": []}".getBytes(StandardCharsets.UTF_8))
        .writeTo(out);
    new WorkerFrame(WorkerFrame.header("discard").put("run", 4), new byte[0]).writeTo(out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    WorkerFrame run = WorkerFrame.readFrom(in, 100);
    WorkerFrame discard = WorkerFrame.readFrom(in, 100);

    assertThat(run.op()).isEqualTo("run");
    assertThat(run.header().path("run").asInt()).isEqualTo(3);
    assertThat(new String(run.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"cells\": []}");
    assertThat(discard.op()).isEqualTo("discard");
    assertThat(discard.payload()).isEmpty();
  }

  @Test
  void aNotebookPastTheLimitIsRefusedBeforeItIsRead() {
    byte[] frame =
        "{\"op\": \"done\", \"length\": 11}\n0123456789A".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> WorkerFrame.readFrom(new ByteArrayInputStream(frame), 10))
        .hasMessage("the grading worker announced 11 bytes (at most 10)");
  }

  @Test
  void aWorkerThatStopsMidFrameIsNoticed() {
    byte[] cut = "{\"op\": \"done\", \"length\": 10}\n01234".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> WorkerFrame.readFrom(new ByteArrayInputStream(cut), 100))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> WorkerFrame.readFrom(new ByteArrayInputStream(new byte[0]), 100))
        .isInstanceOf(EOFException.class)
        .hasMessage("the grading worker stopped");
  }
}
