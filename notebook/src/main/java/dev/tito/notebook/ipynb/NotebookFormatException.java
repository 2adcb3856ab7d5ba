package dev.tito.notebook.ipynb;

/** A file that cannot be read or written as a notebook; the message is one line for the user. */
public class NotebookFormatException extends RuntimeException {
  public NotebookFormatException(String message) {
    super(OneLineMessage.of(message));
  }

  public NotebookFormatException(String message, Throwable cause) {
    super(OneLineMessage.of(message), cause);
  }
}
