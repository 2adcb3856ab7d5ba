package dev.tito.notebook.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalJupyterExecutorTest {
  @Test
  void classifiesJupyterFailuresFromItsErrorOutput() {
    assertThat(LocalJupyterExecutor.classify("nbclient.exceptions.DeadKernelError: Kernel died"))
        .isEqualTo(FailureClass.KERNEL_DIED);
    assertThat(LocalJupyterExecutor.classify("MemoryError")).isEqualTo(FailureClass.OUT_OF_MEMORY);
    assertThat(LocalJupyterExecutor.classify("nbclient.exceptions.CellTimeoutError: A cell timed out"))
        .isEqualTo(FailureClass.TIMEOUT);
    assertThat(LocalJupyterExecutor.classify("nbformat.validator.NotebookValidationError: 'id' is a required property"))
        .isEqualTo(FailureClass.INVALID_NOTEBOOK);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> ExecutionLimits.defaults().withDeadline(Duration.ZERO))
        .hasMessage("the execution deadline must be positive");
    assertThat(ExecutionLimits.defaults().perCellTimeout()).isEqualTo(Duration.ofSeconds(30));
  }
}
