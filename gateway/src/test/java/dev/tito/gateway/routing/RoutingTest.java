package dev.tito.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.gateway.classes.Directory.ClassRef;
import dev.tito.gateway.classes.ServerRef;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which server or console, if any, a request reaches: ada is signed in; ben is in her class; grace is in another
 * namespace's; turing teaches ml (namespace course).
 */
class RoutingTest {
  static final ServerRef ADA = new ServerRef("course", "ml", "ada", "/user/ml/ada/", 8888);
  static final ServerRef BEN = new ServerRef("course", "ml", "ben", "/user/ml/ben/", 8888);
  static final ServerRef ADA_LAB =
      new ServerRef("labs", "lab", "ada", "/lab-servers/x/lab/ada/", 8888);
  static final ServerRef GRACE =
      new ServerRef("labs", "lab", "grace", "/lab-servers/x/lab/grace/", 8888);
  static final Map<String, ServerRef> SERVERS =
      Map.of(
          ADA.basePath(),
          ADA,
          BEN.basePath(),
          BEN,
          ADA_LAB.basePath(),
          ADA_LAB,
          GRACE.basePath(),
          GRACE);
  static final Set<ServerRef> ADAS = Set.of(ADA, ADA_LAB);

  static Stream<Arguments> adaSignedIn() {
    return Stream.of(
        // her own servers, any page of them, with or without the last slash
        Arguments.of("/user/ml/ada/", "to ada's ml server"),
        Arguments.of("/user/ml/ada", "to ada's ml server"),
        Arguments.of("/user/ml/ada/lab/tree/modules/01_tensor.ipynb", "to ada's ml server"),
        Arguments.of("/user/ml/ada/api/kernels/4b1e/channels", "to ada's ml server"),
        Arguments.of("/user/ml/ada/api/contents/a%20b.ipynb", "to ada's ml server"),
        Arguments.of("/user/ml/ada/files/notes..md", "to ada's ml server"),
        Arguments.of("/lab-servers/x/lab/ada/lab", "to ada's lab server"),
        // ben's server, whatever the spelling
        Arguments.of("/user/ml/ben/", "404"),
        Arguments.of("/user/ml/ben/api/kernels", "404"),
        Arguments.of("/user/ml/ada/../ben/api/kernels", "400"),
        Arguments.of("/user/ml/ada/%2e%2e/ben/", "400"),
        Arguments.of("/user/ml/ada/%2E%2E/ben/", "400"),
        Arguments.of("/user/ml/ada/..%2fben/", "400"),
        Arguments.of("/user/ml/ada/.%2e/ben/", "400"),
        Arguments.of("/user/ml/ada/%2e%2e%2fben%2f", "400"),
        Arguments.of("/user/ml/ada/./../ben/", "400"),
        Arguments.of("/user/ml/ada/..\\ben/", "400"),
        Arguments.of("/user/ml/ada/%5c..%5cben/", "400"),
        Arguments.of("/user/ml//ben/", "400"),
        Arguments.of("/user/ml/%62en/", "404"),
        Arguments.of("/user/ml/BEN/", "404"),
        Arguments.of("/user%2fml%2fben/", "404"),
        Arguments.of("/user/ml/ben%00/", "400"),
        Arguments.of("/user/ml/ada/%zz", "400"),
        Arguments.of("/user/ml/ada/%c3%28", "400"),
        Arguments.of("/lab-servers/x/lab/grace/", "404"),
        Arguments.of("/user/lab/ada/", "404"),
        Arguments.of("/user/ml/adam/", "404"),
        Arguments.of("/user/ml/", "404"),
        Arguments.of("user/ml/ada/", "400"),
        // the gateway's own pages
        Arguments.of("/", "gateway"),
        Arguments.of("/_tito/logout", "gateway"));
  }

  @ParameterizedTest(name = "{0} goes {1}")
  @MethodSource("adaSignedIn")
  void adaReachesHerOwnServersAndNoOneElses(String path, String expected) {
    Decision decision = Routing.decide(path, true, SERVERS, ADAS, Set.of());

    assertThat(describe(decision)).as(path).isEqualTo(expected);
  }

  static Stream<Arguments> nobodySignedIn() {
    return Stream.of(
        Arguments.of("/user/ml/ada/lab", "sign in, then /user/ml/ada/lab"),
        Arguments.of("/user/ml/ada/../ben/", "400"),
        Arguments.of("/anything/else", "sign in, then /anything/else"),
        Arguments.of("/", "gateway"),
        Arguments.of("/_tito/callback", "gateway"),
        Arguments.of("/_tito/console/course/ml/", "sign in, then /_tito/console/course/ml/"));
  }

  static Stream<Arguments> turingSignedIn() {
    return Stream.of(
        Arguments.of("/_tito/console/course/ml/", "to course/ml's console"),
        Arguments.of("/_tito/console/course/ml", "to course/ml's console"),
        Arguments.of("/_tito/console/course/ml/submission/tensor/ada", "to course/ml's console"),
        Arguments.of("/_tito/console/course/ml/events", "to course/ml's console"),
        // a class he does not teach, whatever the spelling
        Arguments.of("/_tito/console/course/chem/", "404"),
        Arguments.of("/_tito/console/labs/ml/", "404"),
        Arguments.of("/_tito/console/course/ML/", "404"),
        Arguments.of("/_tito/console/course/%6dl/", "404"),
        Arguments.of("/_tito/console/course%2fml/", "404"),
        Arguments.of("/_tito/console/course/", "404"),
        Arguments.of("/_tito/console/", "404"),
        Arguments.of("/_tito/console/course/ml/../chem/", "400"),
        Arguments.of("/_tito/console/course/ml/%2e%2e/chem/", "400"),
        Arguments.of("/_tito/console/course//ml/", "400"),
        // students' servers are not his
        Arguments.of("/user/ml/ada/", "404"));
  }

  @ParameterizedTest(name = "{0} goes {1}")
  @MethodSource("turingSignedIn")
  void anInstructorReachesTheConsoleOfTheClassesHeTeachesAndNoOther(String path, String expected) {
    Decision decision =
        Routing.decide(path, true, SERVERS, Set.of(), Set.of(new ClassRef("course", "ml")));

    assertThat(describe(decision)).as(path).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} goes {1}")
  @MethodSource("aStudentAtTheConsole")
  void aStudentOfTheClassFindsNoConsole(String path, String expected) {
    assertThat(describe(Routing.decide(path, true, SERVERS, ADAS, Set.of()))).isEqualTo(expected);
  }

  static Stream<Arguments> aStudentAtTheConsole() {
    return Stream.of(
        Arguments.of("/_tito/console/course/ml/", "404"),
        Arguments.of("/_tito/console/course/ml/submission/ml/ada", "404"));
  }

  @ParameterizedTest(name = "{0} goes {1}")
  @MethodSource("nobodySignedIn")
  void someoneNotSignedInIsSentToSignInFirst(String path, String expected) {
    Decision decision = Routing.decide(path, false, SERVERS, Set.of(), Set.of());

    assertThat(describe(decision)).as(path).isEqualTo(expected);
  }

  /** On ada's server's own host: (path, host names ada's server, a session for this host, it may open her server). */
  static Stream<Arguments> onAdasServerHost() {
    return Stream.of(
        Arguments.of("/user/ml/ada/lab", true, true, true, "to ada's ml server"),
        Arguments.of("/user/ml/ada", true, true, true, "to ada's ml server"),
        Arguments.of(
            "/user/ml/ada/api/kernels/4b1e/channels", true, true, true, "to ada's ml server"),
        // her class does not allow it (any more), or the person does not teach it
        Arguments.of("/user/ml/ada/lab", true, true, false, "403"),
        // no session made here by the handoff: through the handoff first
        Arguments.of("/user/ml/ada/lab", true, false, false, "sign in, then /user/ml/ada/lab"),
        // one host, one server: ben's path on ada's host is not ben's server
        Arguments.of("/user/ml/ben/lab", true, true, true, "404"),
        Arguments.of("/user/ml/adam/", true, true, true, "404"),
        Arguments.of("/lab-servers/x/lab/ada/", true, true, true, "404"),
        Arguments.of("/user/ml/ada/../ben/", true, true, true, "400"),
        Arguments.of("/user/ml/ada/%2e%2e/ben/", true, true, true, "400"),
        Arguments.of("/user/ml//ada/", true, true, true, "400"),
        // the handoff's own endpoints, and the host's root
        Arguments.of("/_tito/enter", true, false, false, "gateway"),
        Arguments.of("/", true, false, false, "gateway"),
        // a host that names no server
        Arguments.of("/user/ml/ada/lab", false, true, true, "404"),
        Arguments.of("/_tito/enter", false, false, false, "404"));
  }

  @ParameterizedTest(
      name = "{0} (host names her server: {1}, session: {2}, may open: {3}) goes {4}")
  @MethodSource("onAdasServerHost")
  void onAServersOwnHostOnlyThatServerIsReachedAndOnlyByWhoMayOpenIt(
      String path, boolean hostNamesServer, boolean session, boolean mayOpen, String expected) {
    Decision decision = Routing.decide(path, hostNamesServer ? ADA : null, session, mayOpen);

    assertThat(describe(decision)).as(path).isEqualTo(expected);
  }

  private static String describe(Decision decision) {
    if (decision instanceof Decision.ToServer to) {
      return "to " + to.server().student() + "'s " + to.server().classroom() + " server";
    }
    if (decision instanceof Decision.Refused refused) {
      return Integer.toString(refused.status());
    }
    if (decision instanceof Decision.ToConsole to) {
      return "to " + to.classroom().namespace() + "/" + to.classroom().classroom() + "'s console";
    }
    if (decision instanceof Decision.SignIn signIn) {
      return "sign in, then " + signIn.returnTo();
    }
    return "gateway";
  }
}
