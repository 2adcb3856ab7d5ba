package dev.tito.console.web;

import dev.tito.api.gateway.InstructorAssertion;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who may use the console behind the gateway, decided per request from its parts alone (a pure function): a request
 * is served only under {@code /_tito/console/<namespace>/<classroom>/}, for a namespace this console serves, carrying
 * an {@link InstructorAssertion} the gateway signed for that same class. A state-changing request sent by another
 * site is refused even then: the gateway's public origin is the only one whose pages may post.
 */
public final class GatewayGate {
  /**
   * What the gate looks at.
   *
   * @param assertion the {@link InstructorAssertion#HEADER} header, or null
   * @param origin the {@code Origin} header, or null
   * @param fetchSite the {@code Sec-Fetch-Site} header, or null
   */
  public record Request(
      String method, String rawPath, String assertion, String origin, String fetchSite) {}

  /** The gate's answer. */
  public sealed interface Decision {}

  /**
   * Served: the class's pages at {@code path} (raw, beginning with /) under {@code base}, for {@code user}.
   *
   * @param base {@code /_tito/console/<namespace>/<classroom>/}
   */
  public record Allow(String namespace, String classroom, String base, String path, String user)
      implements Decision {}

  /** The class's address without its last slash: go to {@code location}. */
  public record Redirect(String location) implements Decision {}

  /** Refused with a status; the reason is for the console's log, never the page. */
  public record Refuse(int status, String reason) implements Decision {}

  private final Set<String> namespaces;
  private final String origin;
  private final byte[] key;

  /**
   * @param namespaces the namespaces whose classes this console serves
   * @param origin the gateway's public origin, {@code https://host}
   * @param key the key the gateway signs assertions with
   */
  public GatewayGate(Set<String> namespaces, String origin, byte[] key) {
    this.namespaces = Set.copyOf(namespaces);
    this.origin = origin;
    this.key = key.clone();
  }

  public Decision decide(Request request, Instant now) {
    String path = request.rawPath();
    if (path == null || !path.startsWith(InstructorAssertion.CONSOLE_PREFIX)) {
      return new Refuse(404, "not under " + InstructorAssertion.CONSOLE_PREFIX);
    }
    List<String> parts =
        List.of(path.substring(InstructorAssertion.CONSOLE_PREFIX.length()).split("/", 3));
    if (parts.size() < 2 || !namespaces.contains(parts.get(0)) || parts.get(1).isEmpty()) {
      return new Refuse(404, "no class of a served namespace at " + path);
    }
    InstructorAssertion.Verdict verdict = InstructorAssertion.verify(request.assertion(), key, now);
    if (verdict instanceof InstructorAssertion.Invalid invalid) {
      return new Refuse(403, invalid.reason());
    }
    InstructorAssertion assertion = ((InstructorAssertion.Valid) verdict).assertion();
    if (!assertion.namespace().equals(parts.get(0))
        || !assertion.classroom().equals(parts.get(1))) {
      return new Refuse(
          403,
          assertion.user()
              + " was signed in for "
              + assertion.namespace()
              + "/"
              + assertion.classroom()
              + ", not for "
              + path);
    }
    String crossSite =
        AccessGate.crossSite(
            request.method(), request.origin(), request.fetchSite(), Set.of(origin));
    if (crossSite != null) {
      return new Refuse(403, crossSite);
    }
    String base = assertion.consoleBase();
    if (parts.size() == 2) {
      return new Redirect(base);
    }
    return new Allow(
        assertion.namespace(), assertion.classroom(), base, "/" + parts.get(2), assertion.user());
  }
}
