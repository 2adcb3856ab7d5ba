package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Notebook;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a student release is made (nbgrader's generate_assignment configuration).
 *
 * @param header cells put before the notebook's own ({@code IncludeHeaderFooter.header}); null for none
 * @param footer cells put after them ({@code IncludeHeaderFooter.footer}); null for none
 * @param codeStubs stub per kernelspec language ({@code ClearSolutions.code_stub}); keys are case-sensitive
 * @param textStub stub for markdown and raw answers ({@code ClearSolutions.text_stub})
 * @param enforceMetadata false is nbgrader's {@code --no-metadata}: regions may sit in any cell, and
 *     metadata is neither checked nor checksummed
 */
public record ReleaseOptions(
    Notebook header,
    Notebook footer,
    Map<String, String> codeStubs,
    String textStub,
    boolean enforceMetadata) {

  /** nbgrader's default {@code ClearSolutions.code_stub}. */
  public static final Map<String, String> DEFAULT_CODE_STUBS = defaultCodeStubs();

  public static final String DEFAULT_TEXT_STUB = "YOUR ANSWER HERE";

  public ReleaseOptions {
    Objects.requireNonNull(codeStubs, "codeStubs");
    Objects.requireNonNull(textStub, "textStub");
    codeStubs = Collections.unmodifiableMap(new LinkedHashMap<>(codeStubs));
  }

  public static ReleaseOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .header(header)
        .footer(footer)
        .codeStubs(codeStubs)
        .textStub(textStub)
        .enforceMetadata(enforceMetadata);
  }

  private static Map<String, String> defaultCodeStubs() {
    Map<String, String> stubs = new LinkedHashMap<>();
    stubs.put("python", "# YOUR CODE HERE\nraise NotImplementedError()");
    stubs.put("R", "# YOUR CODE HERE\nfail()");
    stubs.put("matlab", "% YOUR CODE HERE\nerror('No Answer Given!')");
    stubs.put("octave", "% YOUR CODE HERE\nerror('No Answer Given!')");
    stubs.put("sas", "/* YOUR CODE HERE */\n %notImplemented;");
    stubs.put("java", "// YOUR CODE HERE");
    return Collections.unmodifiableMap(stubs);
  }

  public static final class Builder {
    private Notebook header;
    private Notebook footer;
    private Map<String, String> codeStubs = DEFAULT_CODE_STUBS;
    private String textStub = DEFAULT_TEXT_STUB;
    private boolean enforceMetadata = true;

    public Builder header(Notebook header) {
      this.header = header;
      return this;
    }

    public Builder footer(Notebook footer) {
      this.footer = footer;
      return this;
    }

    /** Replaces the whole stub map, as configuring {@code ClearSolutions.code_stub} does. */
    public Builder codeStubs(Map<String, String> codeStubs) {
      this.codeStubs = codeStubs;
      return this;
    }

    /** A single stub string, which nbgrader treats as {@code {"python": stub}}. */
    public Builder codeStub(String pythonStub) {
      return codeStubs(Map.of("python", pythonStub));
    }

    public Builder textStub(String textStub) {
      this.textStub = textStub;
      return this;
    }

    public Builder enforceMetadata(boolean enforceMetadata) {
      this.enforceMetadata = enforceMetadata;
      return this;
    }

    public ReleaseOptions build() {
      return new ReleaseOptions(header, footer, codeStubs, textStub, enforceMetadata);
    }
  }
}
