package dev.tito.notebook.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Which Python runs notebooks on this machine, and whether it has Jupyter: one clear line when it does not. */
public final class LocalJupyter {
  public static final String PYTHON_VARIABLE = "TITO_PYTHON";
  static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
  static final String INSTALL =
      "install it with: sudo apt-get install jupyter-nbconvert python3-ipykernel python3-numpy"
          + " (or point "
          + PYTHON_VARIABLE
          + " at a Python with nbconvert and ipykernel)";

  private LocalJupyter() {}

  /** {@code TITO_PYTHON} when set, else Debian's Python (whose Jupyter tito is tested with). */
  public static Path python(Map<String, String> env) {
    String configured = env.get(PYTHON_VARIABLE);
    return configured == null || configured.isBlank() ? DEBIAN_PYTHON : Path.of(configured.strip());
  }

  /**
   * Asks {@code python} whether it can import nbconvert and ipykernel (found, not imported: a few milliseconds).
   *
   * @throws JupyterMissingException naming the interpreter, what it lacks and how to install it
   */
  public static void require(Path python) {
    if (!Files.isExecutable(python)) {
      throw new JupyterMissingException("no Python at " + python + " to run notebooks: " + INSTALL);
    }
    String missing;
    try {
      Process process = new ProcessBuilder(python.toString(), "-c", FIND_MODULES).start();
      process.getOutputStream().close();
      missing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        missing = "a working interpreter";
      }
    } catch (IOException e) {
      missing = "a working interpreter (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!missing.isEmpty()) {
      throw new JupyterMissingException(
          python + " has no " + missing + " to run notebooks: " + INSTALL);
    }
  }

  private static final String FIND_MODULES =
      "import importlib.util as u\n"
          + "print(' and '.join(m for m in ('nbconvert', 'ipykernel') if u.find_spec(m) is None))";

  /** Local Jupyter is missing: a user error, reported in one line. */
  public static final class JupyterMissingException extends RuntimeException {
    public JupyterMissingException(String message) {
      super(message);
    }
  }
}
