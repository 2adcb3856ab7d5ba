package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import org.junit.jupiter.api.Timeout;

/** Any readable notebook released: a student notebook and its gradebook rows, or nbgrader's one-line refusal. */
class StudentReleaseFuzzTest {
  @FuzzTest
  @Timeout(10)
  void release(byte[] bytes) {
    FuzzContract.readable(bytes)
        .ifPresent(
            source ->
                FuzzContract.allow(
                    () -> {
                      ReleasedNotebook released =
                          StudentRelease.release(source, ReleaseOptions.defaults());
                      NotebookWriter.toBytes(released.student());
                    },
                    ReleaseException.class));
  }
}
