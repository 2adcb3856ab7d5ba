package dev.tito.gateway;

import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.gateway.session.SignedCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gateway's settings, read from the environment the Helm chart sets; each bad value is refused with one line naming
 * the variable.
 *
 * @param port the port the gateway serves students on
 * @param publicUrl the address students type, e.g. {@code https://classes.example.edu} (its origin is the only one
 *     whose pages may act on a session; the OIDC redirect URI is {@code <publicUrl>/_tito/callback})
 * @param namespaces namespaces whose Classrooms are served; empty means all
 * @param issuer the OpenID Connect provider's issuer (discovery at {@code <issuer>/.well-known/openid-configuration})
 * @param clientId the client id registered with the provider
 * @param clientSecret the client secret (from a Secret)
 * @param claim the ID token claim matched against the roster's email or id column
 * @param scopes the scopes asked for
 * @param sessionKey the key session cookies are signed with (from a Secret; at least 32 bytes)
 * @param sessionLifetime how long a sign-in lasts
 * @param rosterRefresh how often Classrooms and their rosters are read again
 * @param activityFlush how often the traffic seen is written for idle culling (one patch per class)
 * @param console where the instructors' console listens ({@code host:port}), or null when it is not installed
 * @param consoleKey the key the gateway signs its word to the console with (from a Secret), or null without one
 * @param serverDomain the domain under which each server has its own host for instructors who open it, {@code
 *     <classroom>-<student>.<serverDomain>}; null: instructors cannot open students' servers
 */
public record GatewayConfig(
    int port,
    URI publicUrl,
    List<String> namespaces,
    URI issuer,
    String clientId,
    String clientSecret,
    String claim,
    String scopes,
    byte[] sessionKey,
    Duration sessionLifetime,
    Duration rosterRefresh,
    Duration activityFlush,
    String signedOutNamespace,
    String signedOutName,
    String console,
    byte[] consoleKey,
    String serverDomain) {

  public static final String PORT = "TITO_GATEWAY_PORT";
  public static final String PUBLIC_URL = "TITO_GATEWAY_PUBLIC_URL";
  public static final String NAMESPACES = "TITO_GATEWAY_NAMESPACES";
  public static final String ISSUER = "TITO_OIDC_ISSUER";
  public static final String CLIENT_ID = "TITO_OIDC_CLIENT_ID";
  public static final String CLIENT_SECRET = "TITO_OIDC_CLIENT_SECRET";
  public static final String CLAIM = "TITO_OIDC_CLAIM";
  public static final String SCOPES = "TITO_OIDC_SCOPES";
  public static final String SESSION_KEY = "TITO_SESSION_KEY";
  public static final String SESSION_HOURS = "TITO_SESSION_HOURS";
  public static final String ROSTER_REFRESH_SECONDS = "TITO_ROSTER_REFRESH_SECONDS";
  public static final String ACTIVITY_FLUSH_SECONDS = "TITO_ACTIVITY_FLUSH_SECONDS";

  /** host:port of the console's Service (the chart's console.enabled); unset: no console behind this gateway. */
  public static final String CONSOLE = "TITO_GATEWAY_CONSOLE";

  /** The key shared with the console (InstructorAssertion); needed with CONSOLE. */
  public static final String CONSOLE_KEY = "TITO_CONSOLE_KEY";

  /** The servers' own domain (wildcard DNS and TLS), e.g. servers.example.edu; unset: no instructor opens a server. */
  public static final String SERVER_DOMAIN = "TITO_GATEWAY_SERVER_DOMAIN";

  private static final java.util.regex.Pattern DOMAIN =
      java.util.regex.Pattern.compile(
          "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");

  /** NAMESPACE/NAME of the ConfigMap the replicas share sign-outs in; unset: each process keeps its own. */
  public static final String SIGNED_OUT = "TITO_GATEWAY_SIGNED_OUT";

  /** The gateway's own path the provider sends people back to. */
  public static final String CALLBACK_PATH = "/_tito/callback";

  public static GatewayConfig fromEnvironment(Map<String, String> env) {
    URI publicUrl = url(env, PUBLIC_URL, required(env, PUBLIC_URL));
    if (publicUrl.getPath() != null
        && !publicUrl.getPath().isEmpty()
        && !publicUrl.getPath().equals("/")) {
      throw new IllegalArgumentException(
          PUBLIC_URL
              + " must be a scheme and host only (the gateway serves the whole host),"
              + " got "
              + publicUrl);
    }
    byte[] key = required(env, SESSION_KEY).getBytes(StandardCharsets.UTF_8);
    if (key.length < SignedCookie.MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          SESSION_KEY
              + " has "
              + key.length
              + " bytes; it needs at least "
              + SignedCookie.MIN_KEY_BYTES
              + " (e.g. head -c 48 /dev/urandom | base64)");
    }
    return new GatewayConfig(
        number(env, PORT, 8080, 0, 65535),
        URI.create(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority()),
        Arrays.stream(env.getOrDefault(NAMESPACES, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList(),
        url(env, ISSUER, required(env, ISSUER)),
        required(env, CLIENT_ID),
        required(env, CLIENT_SECRET),
        env.getOrDefault(CLAIM, "").isBlank() ? "email" : env.get(CLAIM).trim(),
        env.getOrDefault(SCOPES, "").isBlank() ? "openid email profile" : env.get(SCOPES).trim(),
        key,
        Duration.ofHours(number(env, SESSION_HOURS, 8, 1, 24 * 30)),
        Duration.ofSeconds(number(env, ROSTER_REFRESH_SECONDS, 30, 1, 3600)),
        Duration.ofSeconds(number(env, ACTIVITY_FLUSH_SECONDS, 60, 1, 3600)),
        signedOut(env)[0],
        signedOut(env)[1],
        console(env),
        console(env) == null ? null : consoleKey(env),
        serverDomain(env, publicUrl));
  }

  private static String console(Map<String, String> env) {
    String value = env.getOrDefault(CONSOLE, "").trim();
    if (value.isEmpty()) {
      return null;
    }
    int colon = value.lastIndexOf(':');
    String port = value.substring(colon + 1);
    if (colon <= 0
        || !port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          CONSOLE + " must be HOST:PORT of the console's Service, got " + value);
    }
    return value;
  }

  private static byte[] consoleKey(Map<String, String> env) {
    byte[] key = required(env, CONSOLE_KEY).getBytes(StandardCharsets.UTF_8);
    if (key.length < InstructorAssertion.MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          CONSOLE_KEY
              + " has "
              + key.length
              + " bytes; it needs at least "
              + InstructorAssertion.MIN_KEY_BYTES);
    }
    return key;
  }

  private static String serverDomain(Map<String, String> env, URI publicUrl) {
    String value = env.getOrDefault(SERVER_DOMAIN, "").trim().toLowerCase(java.util.Locale.ROOT);
    if (value.isEmpty()) {
      return null;
    }
    if (!DOMAIN.matcher(value).matches() || value.length() > 253) {
      throw new IllegalArgumentException(
          SERVER_DOMAIN + " must be a DNS domain such as servers.example.edu, got " + value);
    }
    // the gateway's own host must never read as a student's server's host
    if (publicUrl.getHost().toLowerCase(java.util.Locale.ROOT).endsWith("." + value)) {
      throw new IllegalArgumentException(
          SERVER_DOMAIN
              + " must not hold the gateway's own host "
              + publicUrl.getHost()
              + "; use a domain of the servers' own, e.g. servers.example.edu");
    }
    return value;
  }

  private static String[] signedOut(Map<String, String> env) {
    String value = env.getOrDefault(SIGNED_OUT, "").trim();
    if (value.isEmpty()) {
      return new String[] {null, null};
    }
    String[] parts = value.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          SIGNED_OUT + " must be NAMESPACE/NAME of a ConfigMap, got " + value);
    }
    return parts;
  }

  /** The console Service's host name (with {@link #console()} set). */
  public String consoleHost() {
    return console.substring(0, console.lastIndexOf(':'));
  }

  /** The console Service's port (with {@link #console()} set). */
  public int consolePort() {
    return Integer.parseInt(console.substring(console.lastIndexOf(':') + 1));
  }

  /** The origin of publicUrl: the only one whose pages may act on a session. */
  public String origin() {
    return publicUrl.toString();
  }

  public URI callback() {
    return URI.create(publicUrl + CALLBACK_PATH);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value.trim();
  }

  private static URI url(Map<String, String> env, String name, String value) {
    try {
      URI uri = new URI(value);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(name + " must be an http(s) URL, got " + value);
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a URL: " + value);
    }
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", got " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got " + value);
    }
  }
}
