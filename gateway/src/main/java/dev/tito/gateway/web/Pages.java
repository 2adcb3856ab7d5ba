package dev.tito.gateway.web;

import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.gateway.classes.Directory;
import dev.tito.gateway.classes.ServerRef;
import dev.tito.notebook.feedback.FeedbackPage;
import java.util.Collection;
import java.util.Map;

/** The gateway's own pages: plain HTML with no inline script (the Content-Security-Policy allows none), text escaped. */
public final class Pages {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
          + "color:#222}h1{font-size:1.5rem}button,.button{font-size:1rem;padding:.5rem 1rem}li.done{color:#2a7}"
          + "li.now{font-weight:bold}#progress.failed #message{color:#b22}form{display:inline}";

  private Pages() {}

  public static String signedOut(String loginPath) {
    return page(
        "Sign in",
        "<h1>Your Jupyter server</h1><p>Sign in with your institution's account to reach your server.</p>"
            + "<p><a class=\"button\" href=\""
            + esc(loginPath)
            + "\">Sign in</a></p>");
  }

  public static String notOnRoster(String user, String csrf) {
    return page(
        "Not on a class list",
        "<h1>You are not on a class list here</h1><p>You signed in as <b>"
            + esc(user)
            + "</b>, but no class on this site lists that account. If you are taking a class here, ask your instructor to"
            + " add it to the class list.</p>"
            + logoutForm(csrf));
  }

  /** @param console whether the instructors' console is installed behind this gateway */
  public static String choose(
      String user,
      Collection<ServerRef> servers,
      Collection<Directory.ClassRef> teaching,
      boolean console,
      String csrf) {
    StringBuilder body = new StringBuilder("<h1>Signed in as " + esc(user) + "</h1>");
    if (!servers.isEmpty()) {
      body.append("<p>Your servers:</p><ul>");
      servers.forEach(
          s ->
              body.append("<li><a href=\"")
                  .append(esc(s.basePath()))
                  .append("\">")
                  .append(esc(s.classroom()))
                  .append("</a></li>"));
      body.append("</ul>");
    }
    if (!teaching.isEmpty() && console) {
      body.append("<p>You teach (the console: gradebook, grading, the live class):</p><ul>");
      teaching.forEach(
          c ->
              body.append("<li><a href=\"")
                  .append(
                      esc(
                          InstructorAssertion.CONSOLE_PREFIX
                              + c.namespace()
                              + "/"
                              + c.classroom()
                              + "/"))
                  .append("\">")
                  .append(esc(c.classroom()))
                  .append("</a> <span>(")
                  .append(esc(c.namespace()))
                  .append(")</span></li>"));
      body.append("</ul>");
    } else if (!teaching.isEmpty()) {
      body.append("<p>You teach: ")
          .append(
              esc(String.join(", ", teaching.stream().map(Directory.ClassRef::classroom).toList())))
          .append(
              ". The instructors' console is not installed behind this gateway; use <code>tito console"
                  + " --cluster</code>.</p>");
    }
    if (!teaching.isEmpty()) {
      body.append("<p><a href=\"/_tito/open\">Open a student's server</a></p>");
    }
    return page("Your servers", body + logoutForm(csrf));
  }

  /** The students' servers an instructor may open, each a link to its own origin's handoff. */
  public static String openable(String user, Map<ServerRef, String> enterUrls, String csrf) {
    StringBuilder body = new StringBuilder("<h1>Students' servers</h1>");
    if (enterUrls.isEmpty()) {
      body.append(
          "<p>None of your classes lets its instructors open students' servers (the Classroom's"
              + " <code>spec.gateway.instructorsOpenServers</code>), or the gateway has no domain for"
              + " them (<code>gateway.serverDomain</code>).</p>");
    } else {
      body.append(
          "<p>Each opens on the server's own address; the student's class is told (an Event on the"
              + " server).</p><ul>");
      enterUrls.forEach(
          (server, url) ->
              body.append("<li><a href=\"")
                  .append(esc(url))
                  .append("\">")
                  .append(esc(server.classroom() + ": " + server.student()))
                  .append("</a></li>"));
      body.append("</ul>");
    }
    return page("Students' servers", body + logoutForm(csrf));
  }

  public static String progress(
      ServerRef server, String progressPath, String startPath, String next, String csrf) {
    return page(
        "Starting your server",
        "<h1>Starting your server for "
            + esc(server.classroom())
            + "</h1>"
            + "<div id=\"progress\" data-progress=\""
            + esc(progressPath)
            + "\" data-start=\""
            + esc(startPath)
            + "\" data-next=\""
            + esc(next)
            + "\" data-csrf=\""
            + esc(csrf)
            + "\">"
            + "<p id=\"message\">Asking for your server&hellip;</p><ol id=\"steps\"><li>Requested</li><li>Machine found</li>"
            + "<li>Preparing the environment</li><li>Starting Jupyter</li><li>Ready</li></ol></div>"
            + "<script src=\"/_tito/static/progress.js\"></script>");
  }

  public static String signedOutNow(String providerLogout) {
    return page(
        "Signed out",
        "<h1>You are signed out</h1><p>Your server keeps running until it is idle; your files are kept.</p>"
            + (providerLogout == null
                ? ""
                : "<p><a href=\""
                    + esc(providerLogout)
                    + "\">Also sign out of your institution's account</a></p>")
            + "<p><a href=\"/\">Sign in again</a></p>");
  }

  public static String confirmLogout(String csrf) {
    return page("Sign out", "<h1>Sign out?</h1>" + logoutForm(csrf));
  }

  public static String problem(String title, String sentence) {
    return page(
        title,
        "<h1>"
            + esc(title)
            + "</h1><p>"
            + esc(sentence)
            + "</p><p><a href=\"/\">Back to the start page</a></p>");
  }

  private static String logoutForm(String csrf) {
    return "<form method=\"post\" action=\"/_tito/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
        + esc(csrf)
        + "\"><button type=\"submit\">Sign out</button></form>";
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>"
        + esc(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + "</body></html>";
  }

  private static String esc(String text) {
    return FeedbackPage.escape(text);
  }
}
