package dev.tito.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries an instructor's gateway session to a student's server's own origin without a reusable token in any URL, as
 * OAuth's code flow does: the server's origin sets a state cookie on its own host and sends the browser to the
 * gateway; the gateway, for a session that may open that server, sends it back with a one-time code (signed, 60
 * seconds, naming that host and the state's hash); the server's origin takes the code only with the state cookie it
 * set, once per replica, and sets a session cookie valid on that host alone. Nothing is stored but the codes redeemed.
 */
public final class Handoff {
  /** The state cookie on the server's origin, between leaving for the gateway and coming back. */
  public static final String STATE_COOKIE = "__Host-tito-handoff";

  /** The session cookie on the server's origin (signed under a name that holds the host: valid on no other). */
  public static final String SERVER_SESSION_COOKIE = "__Host-tito-server";

  public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
  public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
  private static final String CODE = "tito-handoff-code";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the state cookie holds: the state and the path on the server to open afterwards. */
  public record State(String state, String next, long expires) {}

  /** What a code holds: whose session, for which host and state, until when. */
  public record Code(
      String id,
      String user,
      String session,
      long sessionExpires,
      String host,
      String stateHash,
      long expires) {}

  /** How a code was taken: the session to set on the server's origin and where to go, or why not. */
  public sealed interface Redeemed {
    record Opened(Session session, String next) implements Redeemed {}

    record Refused(String reason) implements Redeemed {}
  }

  private final SignedCookie cookies;
  private final Clock clock;
  private final Map<String, Long> redeemed = new ConcurrentHashMap<>();

  public Handoff(SignedCookie cookies, Clock clock) {
    this.cookies = cookies;
    this.clock = clock;
  }

  /** A new random state. */
  public static String newState() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The state cookie's value on host, for a browser about to leave for the gateway. */
  public String stateCookie(String host, String state, String next) {
    return cookies.seal(
        STATE_COOKIE + "@" + host,
        new State(state, next, clock.instant().plus(STATE_LIFETIME).getEpochSecond()));
  }

  /** On the gateway's origin: a code for this session to open the server at host, bound to the state. */
  public String code(Session session, String host, String state) {
    return cookies.seal(
        CODE,
        new Code(
            newState(),
            session.user(),
            session.id(),
            session.expires(),
            host,
            hash(state),
            clock.instant().plus(CODE_LIFETIME).getEpochSecond()));
  }

  /** On the server's origin at host: the code, with the state cookie this browser holds there. */
  public Redeemed redeem(String host, String code, String stateCookie) {
    long now = clock.instant().getEpochSecond();
    Optional<State> state =
        cookies
            .open(STATE_COOKIE + "@" + host, stateCookie, State.class)
            .filter(s -> s.state() != null && now < s.expires());
    Optional<Code> opened = cookies.open(CODE, code, Code.class);
    if (state.isEmpty()) {
      return new Redeemed.Refused(
          "this browser did not ask to open this server, or asked too long ago");
    }
    if (opened.isEmpty() || !host.equals(opened.get().host())) {
      return new Redeemed.Refused("the link is not one the gateway made for this server");
    }
    Code given = opened.get();
    if (!MessageDigest.isEqual(
        given.stateHash().getBytes(StandardCharsets.UTF_8),
        hash(state.get().state()).getBytes(StandardCharsets.UTF_8))) {
      return new Redeemed.Refused("the link was made for another browser's request");
    }
    if (now >= given.expires()) {
      return new Redeemed.Refused("the link has expired");
    }
    redeemed.values().removeIf(expires -> expires <= now);
    if (redeemed.putIfAbsent(given.id(), given.expires()) != null) {
      return new Redeemed.Refused("the link was used already");
    }
    return new Redeemed.Opened(
        new Session(given.user(), given.session(), given.sessionExpires()), state.get().next());
  }

  /** The server-origin session cookie's value for host. */
  public String serverSession(String host, Session session) {
    return cookies.seal(SERVER_SESSION_COOKIE + "@" + host, session);
  }

  /** The session a server-origin cookie carries, when this key sealed it for this very host. */
  public Optional<Session> serverSession(String host, String cookieValue) {
    return cookies.open(SERVER_SESSION_COOKIE + "@" + host, cookieValue, Session.class);
  }

  private static String hash(String state) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
