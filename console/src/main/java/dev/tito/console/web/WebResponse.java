package dev.tito.console.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a page answers: a status, a content type and a body, and any extra headers. */
public record WebResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String HTML = "text/html; charset=utf-8";

  public static WebResponse html(int status, String html) {
    return new WebResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A 303: after a form, the browser asks for {@code location} with GET. */
  public static WebResponse seeOther(String location) {
    return new WebResponse(
        303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  public static WebResponse download(String name, String contentType, byte[] body) {
    return new WebResponse(
        200,
        contentType,
        body,
        Map.of(
            "Content-Disposition",
            "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\""));
  }

  /** The same response with a relative {@code Location} (the pages' links are relative) resolved under base. */
  WebResponse under(String base) {
    String location = headers.get("Location");
    if (location == null || location.startsWith("/")) {
      return this;
    }
    Map<String, String> resolved = new java.util.HashMap<>(headers);
    resolved.put("Location", base + location);
    return new WebResponse(status, contentType, body, Map.copyOf(resolved));
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
