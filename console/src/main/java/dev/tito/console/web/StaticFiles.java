package dev.tito.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** The pages' own files: the console's stylesheet and script, and highlight.js with its GitHub style. */
final class StaticFiles {
  private static final String OWN = "/dev/tito/console/static/";
  private final Map<String, String> paths;

  StaticFiles() {
    String webjar = "/META-INF/resources/webjars/highlightjs/" + highlightVersion() + "/";
    paths =
        Map.of(
            "console.css",
            OWN + "console.css",
            "console.js",
            OWN + "console.js",
            "highlight.min.js",
            webjar + "highlight.min.js",
            "github.min.css",
            webjar + "styles/github.min.css");
  }

  WebResponse get(String name) {
    String path = paths.get(name);
    if (path == null) {
      return WebResponse.html(404, "<!DOCTYPE html><title>Not found</title><p>Not found.</p>");
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        return WebResponse.html(404, "<!DOCTYPE html><title>Not found</title><p>Not found.</p>");
      }
      String type =
          name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      return new WebResponse(
          200, type, in.readAllBytes(), Map.of("Cache-Control", "private, max-age=3600"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The highlight.js version the build packed (the Maven property, written into the resources). */
  private static String highlightVersion() {
    try (InputStream in = StaticFiles.class.getResourceAsStream(OWN + "assets.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("highlightjs.version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "the console's assets.properties is missing from the build", e);
    }
  }
}
