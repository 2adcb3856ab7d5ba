package dev.tito.notebook.python;

import dev.tito.notebook.python.LogicalLines.Line;
import dev.tito.notebook.python.LogicalLines.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a piece of Python (a notebook cell) binds and uses, read from its tokens without running it.
 * Approximate on purpose, erring towards "bound": any binding anywhere in the cell (a parameter, a loop
 * variable) counts, so a cell is never said to use a name it defines itself.
 *
 * @param globals names bound outside any def or class body: imports, defs, classes, assignments, loop targets
 * @param bound every name bound anywhere (globals, parameters, local assignments, comprehension variables)
 * @param uses every name read, with the 1-based line of its first use, in order
 * @param firstTestLine the line of the first {@code assert} statement or {@code def test_...}, or null
 */
public record PythonNames(
    Set<String> globals, Set<String> bound, List<Use> uses, Integer firstTestLine) {
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");
  private static final Set<String> AUGMENTED =
      Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=");

  /** A name read at a 1-based line. */
  public record Use(String name, int line) {}

  public static PythonNames of(String source) {
    Set<String> globals = new LinkedHashSet<>();
    Set<String> bound = new LinkedHashSet<>();
    List<Use> uses = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    Integer testLine = null;
    List<Integer> bodies = new ArrayList<>();
    for (Line line : LogicalLines.of(source)) {
      while (!bodies.isEmpty() && line.indent() <= bodies.get(bodies.size() - 1)) {
        bodies.remove(bodies.size() - 1);
      }
      Set<String> lineBindings = new LinkedHashSet<>();
      boolean definition = bindDefinition(line, lineBindings, bound);
      bindImports(line, lineBindings);
      bindAssignments(line.tokens(), lineBindings);
      bindLoopsAndAliases(line.tokens(), lineBindings);
      bound.addAll(lineBindings);
      if (bodies.isEmpty()) {
        globals.addAll(lineBindings);
      }
      if (definition) {
        bodies.add(line.indent());
      }
      if (testLine == null && isTest(line)) {
        testLine = line.number();
      }
      collectUses(line, used, uses);
    }
    return new PythonNames(Set.copyOf(globals), Set.copyOf(bound), List.copyOf(uses), testLine);
  }

  /** {@code def f(a, b=1)} / {@code class C}: binds the name (and the parameters, in {@code bound} only). */
  private static boolean bindDefinition(Line line, Set<String> lineBindings, Set<String> bound) {
    List<Token> tokens = line.tokens();
    int at = line.startsWith("async") ? 1 : 0;
    if (tokens.size() <= at + 1 || !(tokens.get(at).is("def") || tokens.get(at).is("class"))) {
      return false;
    }
    lineBindings.add(tokens.get(at + 1).text());
    if (tokens.get(at).is("def")) {
      bound.addAll(parameters(tokens, at + 2));
    }
    return true;
  }

  /** The first name of each comma-separated part of the brackets opening at {@code from}. */
  private static Set<String> parameters(List<Token> tokens, int from) {
    Set<String> names = new LinkedHashSet<>();
    int depth = 0;
    boolean expectName = true;
    for (int i = from; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("(") || token.is("[") || token.is("{")) {
        depth++;
        continue;
      }
      if (token.is(")") || token.is("]") || token.is("}")) {
        if (--depth == 0) {
          break;
        }
        continue;
      }
      if (depth == 1 && token.is(",")) {
        expectName = true;
      } else if (depth == 1 && expectName && token.kind() == Token.Kind.NAME) {
        names.add(token.text());
        expectName = false;
      } else if (!(token.is("*") || token.is("**") || token.is("/"))) {
        expectName = false;
      }
    }
    return names;
  }

  /** {@code import a.b as c, d} binds c and d; {@code from m import x, y as z} binds x and z. */
  private static void bindImports(Line line, Set<String> lineBindings) {
    List<Token> tokens = line.tokens();
    int start;
    if (line.startsWith("import")) {
      start = 1;
    } else if (line.startsWith("from")) {
      start = indexOf(tokens, "import", 1);
      if (start < 0) {
        return;
      }
      start++;
    } else {
      return;
    }
    String bound = null;
    for (int i = start; i <= tokens.size(); i++) {
      Token token = i < tokens.size() ? tokens.get(i) : null;
      if (token == null || token.is(",")) {
        if (bound != null) {
          lineBindings.add(bound);
        }
        bound = null;
      } else if (token.is("as") && i + 1 < tokens.size()) {
        bound = tokens.get(++i).text();
      } else if (bound == null && token.kind() == Token.Kind.NAME) {
        bound = token.text();
      }
    }
  }

  /** Targets of {@code =} (also chained, tuples, annotated) and augmented assignments at the line's top level. */
  private static void bindAssignments(List<Token> tokens, Set<String> lineBindings) {
    int depth = 0;
    int segmentStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      depth +=
          token.is("(") || token.is("[") || token.is("{")
              ? 1
              : token.is(")") || token.is("]") || token.is("}") ? -1 : 0;
      boolean assign =
          depth == 0
              && (token.is("=")
                  || AUGMENTED.contains(token.text()) && token.kind() == Token.Kind.OPERATOR);
      if (token.is(":=") && i > 0 && tokens.get(i - 1).kind() == Token.Kind.NAME) {
        lineBindings.add(tokens.get(i - 1).text());
      }
      if (assign) {
        bindTargets(tokens.subList(segmentStart, i), lineBindings);
        segmentStart = i + 1;
      }
    }
  }

  /** Plain names of a target list: not attributes, subscripts or calls; an annotation ({@code x: int}) is cut off. */
  private static void bindTargets(List<Token> target, Set<String> lineBindings) {
    int squareDepth = 0;
    int parenDepth = 0;
    for (int i = 0; i < target.size(); i++) {
      Token token = target.get(i);
      squareDepth += token.is("[") ? 1 : token.is("]") ? -1 : 0;
      parenDepth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
      if (token.is(":") && squareDepth == 0 && parenDepth == 0) {
        return;
      }
      if (token.kind() != Token.Kind.NAME || squareDepth > 0 || KEYWORDS.contains(token.text())) {
        continue;
      }
      boolean attribute = i > 0 && target.get(i - 1).is(".");
      Token next = i + 1 < target.size() ? target.get(i + 1) : null;
      if (!attribute && (next == null || !(next.is(".") || next.is("[") || next.is("(")))) {
        lineBindings.add(token.text());
      }
    }
  }

  /** {@code for a, b in} (loops and comprehensions), {@code with ... as f}, {@code except E as e}, lambda parameters. */
  private static void bindLoopsAndAliases(List<Token> tokens, Set<String> lineBindings) {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("for")) {
        for (int j = i + 1; j < tokens.size() && !tokens.get(j).is("in"); j++) {
          if (tokens.get(j).kind() == Token.Kind.NAME) {
            lineBindings.add(tokens.get(j).text());
          }
        }
      } else if (token.is("as")
          && i + 1 < tokens.size()
          && tokens.get(i + 1).kind() == Token.Kind.NAME) {
        lineBindings.add(tokens.get(i + 1).text());
      } else if (token.is("lambda")) {
        for (int j = i + 1; j < tokens.size() && !tokens.get(j).is(":"); j++) {
          boolean first =
              tokens.get(j - 1).is("lambda")
                  || tokens.get(j - 1).is(",")
                  || tokens.get(j - 1).is("*")
                  || tokens.get(j - 1).is("**");
          if (first && tokens.get(j).kind() == Token.Kind.NAME) {
            lineBindings.add(tokens.get(j).text());
          }
        }
      }
    }
  }

  private static boolean isTest(Line line) {
    List<Token> tokens = line.tokens();
    int at = line.startsWith("async") ? 1 : 0;
    return line.startsWith("assert")
        || tokens.size() > at + 1
            && tokens.get(at).is("def")
            && tokens.get(at + 1).text().startsWith("test");
  }

  /** Names read: not keywords, not attributes ({@code x.name}), not keyword arguments ({@code f(name=1)}). */
  private static void collectUses(Line line, Set<String> used, List<Use> uses) {
    List<Token> tokens = line.tokens();
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      depth +=
          token.is("(") || token.is("[") || token.is("{")
              ? 1
              : token.is(")") || token.is("]") || token.is("}") ? -1 : 0;
      if (token.kind() != Token.Kind.NAME
          || KEYWORDS.contains(token.text())
          || i > 0 && tokens.get(i - 1).is(".")) {
        continue;
      }
      boolean keywordArgument = depth > 0 && i + 1 < tokens.size() && tokens.get(i + 1).is("=");
      if (!keywordArgument && used.add(token.text())) {
        uses.add(new Use(token.text(), token.line()));
      }
    }
  }

  private static int indexOf(List<Token> tokens, String word, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(word)) {
        return i;
      }
    }
    return -1;
  }
}
