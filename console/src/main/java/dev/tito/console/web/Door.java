package dev.tito.console.web;

import com.sun.net.httpserver.HttpExchange;

/** Who comes in, and to which course: the token printed on the instructor's machine, or the gateway's signed word. */
interface Door extends AutoCloseable {
  /** What the door says to one request. */
  sealed interface Admission {}

  /**
   * Let in.
   *
   * @param base the path the course is served under, ending in {@code /}
   * @param path the request's raw path below base, beginning with {@code /}
   * @param person who asks, when the door knows (behind the gateway); null: the console's own user
   */
  record In(Site site, String base, String path, String person) implements Admission {}

  /** Answered at the door: refused, or sent elsewhere. */
  record Out(WebResponse response) implements Admission {}

  Admission admit(HttpExchange exchange);

  @Override
  void close();
}
