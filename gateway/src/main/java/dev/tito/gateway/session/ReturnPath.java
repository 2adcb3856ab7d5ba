package dev.tito.gateway.session;

/** Where a person may be sent after signing in: only a path on this gateway, never another site (no open redirect). */
public final class ReturnPath {
  public static final String HOME = "/";

  private ReturnPath() {}

  /** returnTo when it is a plain local path, otherwise the landing page. */
  public static String safe(String returnTo) {
    if (returnTo == null
        || returnTo.isEmpty()
        || returnTo.length() > 2048
        || !returnTo.startsWith("/")
        || returnTo.startsWith("//")
        || returnTo.startsWith("/\\")) {
      return HOME;
    }
    // browsers drop tabs and line breaks and read a backslash as a slash: "/\t/evil.example" is
    // "//evil.example"
    for (int i = 0; i < returnTo.length(); i++) {
      char c = returnTo.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return HOME;
      }
    }
    return returnTo;
  }
}
