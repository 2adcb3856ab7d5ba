package dev.tito.gateway.routing;

import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.gateway.classes.Directory;
import dev.tito.gateway.classes.ServerRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing and authorisation decision: a pure function of the raw request path, who is signed in and which servers
 * exist. A request reaches a server only when the path names, literally, the base path of a server the signed-in
 * person owns, and a class's console ({@code /_tito/console/<namespace>/<classroom>/}) only when they teach that class;
 * paths with dot segments, empty segments, bad escapes, NUL or backslashes are refused before anything
 * else, so no spelling of a path can be read one way here and another way upstream.
 */
public final class Routing {
  /** The gateway's own pages and endpoints live under this prefix, which no Classroom's path prefix can take. */
  public static final String OWN_PREFIX = "/_tito/";

  private Routing() {}

  /**
   * @param rawPath the request path as sent, percent-escapes and all, without the query
   * @param signedIn whether a valid session came with the request
   * @param servers every known server by its base path ({@code /user/<classroom>/<student>/})
   * @param mine the servers the signed-in person may reach (empty when nobody is signed in)
   * @param teaching the classes the signed-in person teaches (empty when nobody is signed in)
   */
  public static Decision decide(
      String rawPath,
      boolean signedIn,
      Map<String, ServerRef> servers,
      Set<ServerRef> mine,
      Set<Directory.ClassRef> teaching) {
    String problem = problem(rawPath);
    if (problem != null) {
      return new Decision.Refused(400, "This address is not allowed: " + problem + ".");
    }
    if (rawPath.startsWith(InstructorAssertion.CONSOLE_PREFIX)) {
      return console(rawPath, signedIn, teaching);
    }
    if (rawPath.equals("/") || rawPath.startsWith(OWN_PREFIX)) {
      return new Decision.Gateway(rawPath);
    }
    ServerRef server = serverOf(rawPath, servers);
    if (server == null || signedIn && !mine.contains(server)) {
      // the same answer for someone else's server as for none: the roster is not for guessing
      return signedIn
          ? new Decision.Refused(404, "There is no server of yours at this address.")
          : new Decision.SignIn(rawPath);
    }
    return signedIn ? new Decision.ToServer(server) : new Decision.SignIn(rawPath);
  }

  /** A class's console, named literally by its first two segments: for its instructors only, 404 for anyone else. */
  static Decision console(String rawPath, boolean signedIn, Set<Directory.ClassRef> teaching) {
    if (!signedIn) {
      return new Decision.SignIn(rawPath);
    }
    String[] parts = rawPath.substring(InstructorAssertion.CONSOLE_PREFIX.length()).split("/", 3);
    Directory.ClassRef classroom =
        parts.length < 2 ? null : new Directory.ClassRef(parts[0], parts[1]);
    // the same answer for a class taught by others as for none: the class list is not for guessing
    return classroom != null && teaching.contains(classroom)
        ? new Decision.ToConsole(classroom)
        : new Decision.Refused(404, "There is no class of yours at this address.");
  }

  /**
   * A request on a server's own host ({@link ServerOrigins}), where instructors open a student's server: it reaches
   * only that server, and only for a session made there by the handoff whose person may open it now.
   *
   * @param rawPath the request path as sent, without the query
   * @param hostServer the server the Host header names, or null when it names none
   * @param signedIn whether a valid session for this host came with the request
   * @param mayOpen whether that session's person may open this server (teaches the class, which allows it)
   */
  public static Decision decide(
      String rawPath, ServerRef hostServer, boolean signedIn, boolean mayOpen) {
    String problem = problem(rawPath);
    if (problem != null) {
      return new Decision.Refused(400, "This address is not allowed: " + problem + ".");
    }
    if (hostServer == null) {
      return new Decision.Refused(404, "There is no server at this address.");
    }
    if (rawPath.equals("/") || rawPath.startsWith(OWN_PREFIX)) {
      return new Decision.Gateway(rawPath);
    }
    if (!(rawPath + "/").startsWith(hostServer.basePath())) {
      return new Decision.Refused(404, "This address serves one student's server only.");
    }
    if (!signedIn) {
      return new Decision.SignIn(rawPath);
    }
    return mayOpen
        ? new Decision.ToServer(hostServer)
        : new Decision.Refused(
            403,
            "You may not open this server: you do not teach its class, or the class does not allow it.");
  }

  /** The server whose base path begins rawPath (or is rawPath without its last slash), or null. */
  static ServerRef serverOf(String rawPath, Map<String, ServerRef> servers) {
    ServerRef exact = servers.get(rawPath.endsWith("/") ? rawPath : rawPath + "/");
    if (exact != null) {
      return exact;
    }
    for (int slash = rawPath.indexOf('/', 1); slash > 0; slash = rawPath.indexOf('/', slash + 1)) {
      ServerRef server = servers.get(rawPath.substring(0, slash + 1));
      if (server != null) {
        return server;
      }
    }
    return null;
  }

  /** Why a raw path is refused, or null when it is a plain absolute path. */
  static String problem(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return "it does not begin with /";
    }
    if (rawPath.indexOf('\\') >= 0) {
      return "it holds a backslash";
    }
    List<String> segments = List.of(rawPath.substring(1).split("/", -1));
    for (int i = 0; i < segments.size(); i++) {
      String decoded = decode(segments.get(i));
      if (decoded == null) {
        return "it holds an invalid %-escape";
      }
      // an escaped slash would hide a dot segment from this check and show it to a server that
      // decodes first
      if (List.of(decoded.split("/", -1)).stream()
          .anyMatch(part -> part.equals(".") || part.equals(".."))) {
        return "it holds a '.' or '..' segment";
      }
      if (decoded.isEmpty() && i < segments.size() - 1) {
        return "it holds an empty segment (//)";
      }
      if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
        return "it holds a control character or an escaped backslash";
      }
    }
    return null;
  }

  /** Percent-decodes one segment as UTF-8, or null when an escape is malformed or the bytes are not UTF-8. */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= segment.length()
          || Character.digit(segment.charAt(i + 1), 16) < 0
          || Character.digit(segment.charAt(i + 2), 16) < 0) {
        return null;
      }
      bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
