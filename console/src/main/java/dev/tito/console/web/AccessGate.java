package dev.tito.console.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may use the console, decided per request from its parts alone (a pure function): as Jupyter does, the token in
 * the printed URL is exchanged once for an HttpOnly cookie and the browser is sent to the same address without it;
 * every other request needs that cookie. A request for another host name (DNS rebinding) and a state-changing request
 * sent by another site are refused even with the cookie.
 */
public final class AccessGate {
  public static final String COOKIE = "tito-console";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

  /**
   * What the gate looks at.
   *
   * @param query the raw query string, or null
   * @param cookies the raw {@code Cookie} header, or null
   * @param origin the {@code Origin} header, or null
   * @param fetchSite the {@code Sec-Fetch-Site} header, or null
   */
  public record Request(
      String method,
      String path,
      String query,
      String host,
      String cookies,
      String origin,
      String fetchSite) {}

  /** The gate's answer. */
  public sealed interface Decision {}

  /** Served. */
  public record Allow() implements Decision {}

  /** The right token: set the cookie and go to {@code location}, the same address without the token. */
  public record SetCookie(String location, String cookie) implements Decision {}

  /** Refused (403), with the reason for the console's own log line, never echoed to the page. */
  public record Refuse(String reason) implements Decision {}

  private final byte[] token;
  private final String session;
  private final Set<String> hosts;
  private final Set<String> origins;

  /**
   * @param token the secret in the printed URL
   * @param session the cookie's value: another secret, so the URL's token never sits in the cookie jar
   * @param port the port the console listens on (its host names are 127.0.0.1 and localhost on it)
   */
  public AccessGate(String token, String session, int port) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.session = session;
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
  }

  public Decision decide(Request request) {
    if (request.host() == null || !hosts.contains(request.host())) {
      return new Refuse("host " + request.host() + " is not this console's");
    }
    String given = parameter(request.query(), "token");
    if (given != null) {
      if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        return new Refuse("wrong token");
      }
      String rest = without(request.query(), "token");
      return new SetCookie(
          request.path() + (rest.isEmpty() ? "" : "?" + rest),
          COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict");
    }
    if (!hasSession(request.cookies())) {
      return new Refuse("no console cookie");
    }
    String crossSite = crossSite(request.method(), request.origin(), request.fetchSite(), origins);
    return crossSite == null ? new Allow() : new Refuse(crossSite);
  }

  /** Why a state-changing request was sent by another site's page, or null when it was not. */
  static String crossSite(String method, String origin, String fetchSite, Set<String> origins) {
    if (SAFE_METHODS.contains(method)) {
      return null;
    }
    if (origin != null && !origins.contains(origin)) {
      return "sent from " + origin;
    }
    if (fetchSite != null && !"same-origin".equals(fetchSite) && !"none".equals(fetchSite)) {
      return "sent from another site (" + fetchSite + ")";
    }
    return null;
  }

  private boolean hasSession(String cookies) {
    if (cookies == null) {
      return false;
    }
    for (String part : cookies.split(";")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2
          && pair[0].equals(COOKIE)
          && MessageDigest.isEqual(
              session.getBytes(StandardCharsets.UTF_8), pair[1].getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return false;
  }

  /** A query parameter's decoded value, or null. */
  static String parameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      String[] pair = part.split("=", 2);
      if (decode(pair[0]).equals(name)) {
        return pair.length == 2 ? decode(pair[1]) : "";
      }
    }
    return null;
  }

  private static String without(String query, String name) {
    List<String> kept = new ArrayList<>();
    for (String part : query.split("&")) {
      if (!part.isEmpty() && !decode(part.split("=", 2)[0]).equals(name)) {
        kept.add(part);
      }
    }
    return String.join("&", kept);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
