package dev.tito.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser does that the test needs: keeps cookies per host (Secure ones too: the gateway is reached on
 * 127.0.0.1, which browsers treat as secure) and follows redirects only when told, so each hop can be checked.
 */
final class Browser {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, Map<String, String>> jar = new LinkedHashMap<>();
  final String origin;

  Browser(String origin) {
    this.origin = origin;
  }

  HttpResponse<String> get(String url) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(absolute(url)))
            .header("Accept", "text/html")
            .header("Sec-Fetch-Mode", "navigate")
            .GET());
  }

  HttpResponse<String> fetch(String url) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(absolute(url)))
            .header("Accept", "application/json")
            .GET());
  }

  HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(absolute(url)))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  /** Follows redirects as a browser would, returning the last answer. */
  HttpResponse<String> follow(HttpResponse<String> answer) throws Exception {
    int hops = 0;
    while (answer.statusCode() / 100 == 3 && hops++ < 10) {
      String location = answer.headers().firstValue("Location").orElseThrow();
      answer = get(answer.uri().resolve(location).toString());
    }
    return answer;
  }

  String cookieHeader(String url) {
    Map<String, String> cookies =
        jar.getOrDefault(URI.create(absolute(url)).getAuthority(), Map.of());
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  void setCookie(String url, String name, String value) {
    jar.computeIfAbsent(URI.create(absolute(url)).getAuthority(), k -> new LinkedHashMap<>())
        .put(name, value);
  }

  String cookie(String name) {
    return jar.values().stream()
        .map(c -> c.get(name))
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    request.timeout(java.time.Duration.ofSeconds(20));
    URI uri = request.build().uri();
    String cookies = cookieHeader(uri.toString());
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies);
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    remember(uri, answer.headers().allValues("Set-Cookie"));
    return answer;
  }

  private void remember(URI uri, List<String> setCookies) {
    Map<String, String> cookies =
        jar.computeIfAbsent(uri.getAuthority(), k -> new LinkedHashMap<>());
    for (String header : setCookies) {
      String pair = header.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  private String absolute(String url) {
    return url.startsWith("http") ? url : origin + url;
  }
}
