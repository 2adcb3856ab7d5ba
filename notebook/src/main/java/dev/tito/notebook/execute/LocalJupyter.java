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
  public static final String INSTALL =
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
    ask(python).require();
  }

  /**
   * Starts asking {@code python} whether it has Jupyter, so that the answer comes while the caller starts its own work
   * (a grade starts its worker meanwhile); {@link Answer#require} waits for it.
   *
   * @throws JupyterMissingException at once when there is no interpreter at {@code python}
   */
  public static Answer ask(Path python) {
    if (!Files.isExecutable(python)) {
      throw new JupyterMissingException("no Python at " + python + " to run notebooks: " + INSTALL);
    }
    try {
      Process process = new ProcessBuilder(python.toString(), "-c", FIND_MODULES).start();
      process.getOutputStream().close();
      return new Answer(python, process, null);
    } catch (IOException e) {
      return new Answer(python, null, "a working interpreter (" + e.getMessage() + ")");
    }
  }

  /** The interpreter's answer: what it lacks, once it said so. */
  public static final class Answer {
    private final Path python;
    private final Process process;
    private String missing;

    private Answer(Path python, Process process, String missing) {
      this.python = python;
      this.process = process;
      this.missing = missing;
    }

    /**
     * Waits for the answer.
     *
     * @throws JupyterMissingException naming the interpreter, what it lacks and how to install it
     */
    public void require() {
      if (missing == null) {
        missing = read();
      }
      if (!missing.isEmpty()) {
        throw new JupyterMissingException(
            python + " has no " + missing + " to run notebooks: " + INSTALL);
      }
    }

    private String read() {
      try {
        String said =
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return "a working interpreter";
        }
        return said;
      } catch (IOException e) {
        return "a working interpreter (" + e.getMessage() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
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
