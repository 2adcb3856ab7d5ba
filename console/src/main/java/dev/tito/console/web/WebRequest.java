package dev.tito.console.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the gate let through, as the pages read it.
 *
 * @param segments the path's segments, percent-decoded
 * @param parameters the query's and (for a form post) the body's fields, decoded
 * @param base the path the console is served under, ending in {@code /}: {@code /} on the instructor's machine
 * @param person who is asking, when the request says so (behind the gateway); null: the console's own user
 */
public record WebRequest(
    String method,
    List<String> segments,
    Map<String, String> parameters,
    String base,
    String person) {

  /** @return null when the path or a field cannot be decoded (a 400) */
  public static WebRequest of(String method, String rawPath, String rawQuery, String formBody) {
    List<String> segments = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        String segment = decode(part, false);
        if (segment == null) {
          return null;
        }
        segments.add(segment);
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!fields(rawQuery, parameters) || !fields(formBody, parameters)) {
      return null;
    }
    return new WebRequest(method, List.copyOf(segments), parameters, "/", null);
  }

  /** The same request, served under {@code base} for {@code person}. */
  public WebRequest by(String person, String base) {
    return new WebRequest(method, segments, parameters, base, person);
  }

  private static boolean fields(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return true;
    }
    for (String part : encoded.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] pair = part.split("=", 2);
      String name = decode(pair[0], true);
      String value = pair.length == 2 ? decode(pair[1], true) : "";
      if (name == null || value == null) {
        return false;
      }
      into.put(name, value);
    }
    return true;
  }

  private static String decode(String text, boolean plusIsSpace) {
    try {
      return URLDecoder.decode(
          plusIsSpace ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String segment(int index) {
    return index < segments.size() ? segments.get(index) : null;
  }

  public String parameter(String name) {
    return parameters.get(name);
  }

  public boolean post() {
    return "POST".equals(method);
  }
}
