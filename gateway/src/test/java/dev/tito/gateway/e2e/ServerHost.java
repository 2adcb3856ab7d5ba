package dev.tito.gateway.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A browser on one student's server's own host ({@code ml-ada.servers.test}): the test has no DNS for the servers'
 * wildcard domain, so it connects to the gateway's address and names the host in the Host header, as a browser does
 * once DNS has answered. Keeps that host's cookies; GETs only, as navigations.
 */
final class ServerHost {
  /** One answer: status, headers by lower-case name, body. */
  record Answer(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }
  }

  final String host;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  ServerHost(String host, int port) {
    this.host = host;
    this.port = port;
  }

  String origin() {
    return "http://" + host + ":" + port;
  }

  Answer get(String pathAndQuery) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      StringBuilder request =
          new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
              .append("Host: ")
              .append(host)
              .append(':')
              .append(port)
              .append("\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n");
      if (!cookies.isEmpty()) {
        request.append("Cookie: ");
        cookies.forEach(
            (name, value) -> request.append(name).append('=').append(value).append("; "));
        request.setLength(request.length() - 2);
        request.append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return remember(read(socket.getInputStream()));
    }
  }

  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  private Answer remember(Answer answer) {
    for (String header : answer.headers().getOrDefault("set-cookie", List.of())) {
      String pair = header.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return answer;
  }

  /** The whole answer (the request asked the connection to close after it); chunked bodies are joined. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked"
        .equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())))) {
      body = unchunk(body);
    }
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }

  private static String unchunk(String body) {
    StringBuilder joined = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return joined.toString();
      }
      joined.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
