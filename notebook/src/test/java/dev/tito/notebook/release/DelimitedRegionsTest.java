package dev.tito.notebook.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tito.notebook.release.DelimitedRegions.UnbalancedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedRegionsTest {
  private static final List<String> STUB =
      List.of("# YOUR CODE HERE", "raise NotImplementedError()");

  private static DelimitedRegions.Result solutions(String source) {
    return DelimitedRegions.replace(source, "BEGIN SOLUTION", "END SOLUTION", STUB);
  }

  @Test
  void stubTakesTheBeginLinesTabIndentation() {
    assertThat(
            solutions("def f():\n\t\t### BEGIN SOLUTION\n\t\treturn 1\n\t\t### END SOLUTION\n")
                .text())
        .isEqualTo("def f():\n\t\t# YOUR CODE HERE\n\t\traise NotImplementedError()\n");
  }

  @Test
  void mixedSpacesAndTabsAreCopiedAsTheyAre() {
    assertThat(solutions(" \t ### BEGIN SOLUTION\nx\n### END SOLUTION").text())
        .isEqualTo(" \t # YOUR CODE HERE\n \t raise NotImplementedError()");
  }

  @Test
  void carriageReturnsStayOnTheirLinesAndStubLinesUseNewlines() {
    assertThat(
            solutions("a = 1\r\n### BEGIN SOLUTION\r\nb\r\n### END SOLUTION\r\nc = 3\r\n").text())
        .isEqualTo("a = 1\r\n# YOUR CODE HERE\nraise NotImplementedError()\nc = 3\r\n");
  }

  @Test
  void codeBeforeTheMarkerIsLost() {
    assertThat(solutions("x = 1  ### BEGIN SOLUTION\ny = 2\n### END SOLUTION").text())
        .isEqualTo("# YOUR CODE HERE\nraise NotImplementedError()");
  }

  @Test
  void severalRegionsInOneCell() {
    DelimitedRegions.Result result =
        solutions("a\n# BEGIN SOLUTION\n1\n# END SOLUTION\nb\n# BEGIN SOLUTION\n# END SOLUTION");

    assertThat(result.text())
        .isEqualTo(
            "a\n# YOUR CODE HERE\nraise NotImplementedError()\nb\n"
                + "# YOUR CODE HERE\nraise NotImplementedError()");
    assertThat(result.found()).isTrue();
    assertThat(result.removed()).containsExactly(new DelimitedRegions.Line(3, "1"));
  }

  @Test
  void strayEndLinesAreDroppedAndRemembered() {
    DelimitedRegions.Result result = solutions("a\n### END SOLUTION\nb");

    assertThat(result.text()).isEqualTo("a\nb");
    assertThat(result.found()).isFalse();
    assertThat(result.strayEnds())
        .containsExactly(new DelimitedRegions.Line(2, "### END SOLUTION"));
  }

  @Test
  void nestedBeginNamesTheSecondBeginLine() {
    UnbalancedException error =
        catchThrowableOfType(
            UnbalancedException.class,
            () -> solutions("a\n### BEGIN SOLUTION\nb\n### BEGIN SOLUTION\n### END SOLUTION"));

    assertThat(error.kind()).isEqualTo(UnbalancedException.Kind.NESTED);
    assertThat(error.line()).isEqualTo(4);
  }

  @Test
  void unterminatedRegionNamesItsBeginLine() {
    UnbalancedException error =
        catchThrowableOfType(
            UnbalancedException.class,
            () -> solutions("a\n### BEGIN SOLUTION\n### END SOLUTION\nb\n  ### BEGIN SOLUTION\nc"));

    assertThat(error.kind()).isEqualTo(UnbalancedException.Kind.UNTERMINATED);
    assertThat(error.line()).isEqualTo(5);
  }

  @Test
  void aLineWithBothDelimitersOpensARegion() {
    UnbalancedException error =
        catchThrowableOfType(
            UnbalancedException.class, () -> solutions("### BEGIN SOLUTION ### END SOLUTION"));

    assertThat(error.kind()).isEqualTo(UnbalancedException.Kind.UNTERMINATED);
  }

  @Test
  void removalWithoutStubDeletesTheWholeRegion() {
    DelimitedRegions.Result result =
        DelimitedRegions.replace(
            "assert x\n### BEGIN HIDDEN TESTS\nassert y\n### END HIDDEN TESTS",
            "BEGIN HIDDEN TESTS",
            "END HIDDEN TESTS",
            null);

    assertThat(result.text()).isEqualTo("assert x");
  }
}
