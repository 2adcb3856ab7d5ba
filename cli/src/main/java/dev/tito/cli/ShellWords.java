package dev.tito.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Commands printed as hints, so that they run as printed: words quoted for a POSIX shell, tito named as it was run. */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\"'\"'") + "'";
  }

  /** {@code tito} followed by the words, quoted; the launcher says how tito was run ({@code ./tito}, ...). */
  static String command(String... words) {
    return command(List.of(words));
  }

  static String command(List<String> words) {
    List<String> all = new ArrayList<>();
    all.add(program());
    words.forEach(word -> all.add(quote(word)));
    return String.join(" ", all);
  }

  /** How to run tito again: the launcher's {@code TITO_PROG} ({@code ./tito} from the repository), else {@code tito}. */
  static String program() {
    String prog = System.getenv("TITO_PROG");
    return prog == null || prog.isBlank() ? "tito" : quote(prog);
  }
}
