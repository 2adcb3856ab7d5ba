package dev.tito.notebook.execute;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a grading run hands back is checked against what it was sent, whoever ran it. */
class ExecutedNotebookTest {
  private static final Notebook SENT =
      notebook(markdown("Intro"), code("x = 1"), code("assert x == 1"));

  private static ExecutionOutcome check(Notebook executed) {
    return ExecutedNotebook.check(NotebookWriter.toBytes(executed), SENT, Duration.ZERO);
  }

  @Test
  void theSameCellsWithOutputsAreTheRunsOutcome() {
    Notebook executed = SENT.deepCopy();
    executed
        .cells()
        .get(1)
        .outputs()
        .add(json("{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"1\"}"));

    ExecutionOutcome outcome = check(executed);

    assertThat(outcome.failure()).isEqualTo(FailureClass.OK);
    assertThat(outcome.executed().cells().get(1).outputs()).hasSize(1);
  }

  @Test
  void editedRetypedOrDeletedCellsAreAnInvalidNotebook() {
    Notebook edited = SENT.deepCopy();
    edited.cells().get(2).setSource("pass");
    Notebook retyped = SENT.deepCopy();
    retyped.cells().get(2).setType("raw");
    Notebook deleted = SENT.deepCopy();
    deleted.setCells(deleted.cells().subList(0, 2));

    for (Notebook executed : new Notebook[] {edited, retyped, deleted}) {
      ExecutionOutcome outcome = check(executed);
      assertThat(outcome.failure()).isEqualTo(FailureClass.INVALID_NOTEBOOK);
      assertThat(outcome.executed()).isNull();
      assertThat(outcome.message()).contains("cells different");
    }
  }

  @Test
  void anythingButExactlyOneNotebookIsAnInvalidNotebook() {
    String one = NotebookWriter.toJson(SENT);
    for (String bytes :
        new String[] {one + one, "[]", "{\"nbformat\": 4}", "[".repeat(100_000), ""}) {
      ExecutionOutcome outcome =
          ExecutedNotebook.check(bytes.getBytes(StandardCharsets.UTF_8), SENT, Duration.ZERO);
      assertThat(outcome.failure()).isEqualTo(FailureClass.INVALID_NOTEBOOK);
      assertThat(outcome.message()).contains("unreadable notebook");
    }
  }

  @Test
  void aMemoryErrorInAnyCellIsOutOfMemory() {
    Notebook executed = SENT.deepCopy();
    executed
        .cells()
        .get(1)
        .outputs()
        .add(
            json(
                "{\"output_type\": \"error\", \"ename\": \"MemoryError\", "
                    + "\"evalue\": \"\", \"traceback\": []}"));

    assertThat(check(executed).failure()).isEqualTo(FailureClass.OUT_OF_MEMORY);
  }
}
