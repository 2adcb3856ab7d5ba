package dev.tito.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the student's Jupyter token out of the pages and redirects the browser gets: Jupyter Server's own page template
 * writes the token of a token-authenticated request into the page ({@code data-jupyter-api-token}, a {@code ?token=}
 * link), and the gateway's requests are token-authenticated. HTML up to {@link #MAX_PAGE} is read whole and the token
 * removed; a larger HTML file is one the student wrote (the student can read the token in their own server anyway).
 */
final class TokenScrub implements ProxyInterceptor {
  /** The largest HTML page read whole to remove the token; Jupyter's own pages are a few kilobytes. */
  static final int MAX_PAGE = 2 * 1024 * 1024;

  private final String token;

  TokenScrub(String token) {
    this.token = token;
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    ProxyResponse response = context.response();
    String location = response.headers().get(HttpHeaders.LOCATION);
    if (location != null && location.contains(token)) {
      response.headers().set(HttpHeaders.LOCATION, without(location));
    }
    String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
    long length = response.getBody() == null ? -1 : response.getBody().length();
    if (type == null
        || !type.toLowerCase().startsWith("text/html")
        || response.headers().contains(HttpHeaders.CONTENT_ENCODING)
        || length > MAX_PAGE
        || response.getBody() == null) {
      return context.sendResponse();
    }
    Promise<Void> sent = Promise.promise();
    Buffer page = Buffer.buffer();
    ReadStream<Buffer> body = response.getBody().stream();
    body.exceptionHandler(sent::tryFail);
    body.handler(page::appendBuffer);
    body.endHandler(
        v -> {
          response.setBody(
              Body.body(Buffer.buffer(without(page.toString(StandardCharsets.UTF_8)))));
          response.headers().remove(HttpHeaders.CONTENT_LENGTH);
          context.sendResponse().onComplete(sent);
        });
    body.resume();
    return sent.future();
  }

  /** The text with the token and a {@code token=} parameter carrying it removed. */
  String without(String text) {
    return text.replace("?token=" + token + "&", "?")
        .replace("?token=" + token, "")
        .replace("&token=" + token, "")
        .replace(token, "");
  }
}
