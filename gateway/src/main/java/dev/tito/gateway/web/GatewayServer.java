package dev.tito.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.gateway.GatewayConfig;
import dev.tito.gateway.classes.Directory;
import dev.tito.gateway.classes.KubernetesClasses;
import dev.tito.gateway.classes.Progress;
import dev.tito.gateway.classes.RevokedSessions;
import dev.tito.gateway.classes.ServerRef;
import dev.tito.gateway.oidc.OidcLogin;
import dev.tito.gateway.oidc.SignInFailure;
import dev.tito.gateway.proxy.ConsoleProxy;
import dev.tito.gateway.proxy.StudentProxy;
import dev.tito.gateway.routing.Decision;
import dev.tito.gateway.routing.Routing;
import dev.tito.gateway.routing.ServerOrigins;
import dev.tito.gateway.session.CrossOrigin;
import dev.tito.gateway.session.Handoff;
import dev.tito.gateway.session.LoginState;
import dev.tito.gateway.session.ReturnPath;
import dev.tito.gateway.session.Session;
import dev.tito.gateway.session.SignedCookie;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP edge: reads the session, asks {@link Routing} where the request goes, and serves the gateway's
 * own pages, sends the person to sign in, or proxies to their own server (starting it first when it is stopped).
 */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  public static final String SESSION_COOKIE = "__Host-tito-session";
  public static final String LOGIN_COOKIE = "__Host-tito-login";
  static final String CSRF_HEADER = "X-Tito-Csrf";
  static final String OPEN_PATH = "/_tito/open";
  static final String ENTER_PATH = "/_tito/enter";
  static final String ENTERED_PATH = "/_tito/entered";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** As many servers as Vert.x has event loops by default (two per core). */
  static final int EVENT_LOOPS = io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  private final Vertx vertx;
  private final GatewayConfig config;
  private final SignedCookie cookies;
  private final OidcLogin oidc;
  private final KubernetesClasses classes;
  private final RevokedSessions signedOut;
  private final Function<ServerRef, SocketAddress> upstreams;
  private final Consumer<ServerRef> activity;
  private final Clock clock;
  private final StudentProxy proxy;
  private final ConsoleProxy console;
  private final SocketAddress consoleAddress;
  private final String progressScript;
  private final ServerOrigins serverOrigins;
  private final Handoff handoff;
  private HttpServer server;

  public GatewayServer(
      Vertx vertx,
      GatewayConfig config,
      OidcLogin oidc,
      KubernetesClasses classes,
      RevokedSessions signedOut,
      Function<ServerRef, SocketAddress> upstreams,
      Consumer<ServerRef> activity,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.cookies = new SignedCookie(config.sessionKey());
    this.oidc = oidc;
    this.classes = classes;
    this.signedOut = signedOut;
    this.upstreams = upstreams;
    this.activity = activity;
    this.clock = clock;
    // a WebSocket tunnel keeps its connection for good: room for a student's kernels, terminals and
    // page requests at once
    this.proxy =
        new StudentProxy(
            vertx.createHttpClient(
                new io.vertx.core.http.HttpClientOptions()
                    .setMaxPoolSize(StudentProxy.CONNECTIONS_PER_SERVER)));
    this.console =
        new ConsoleProxy(
            vertx.createHttpClient(
                new io.vertx.core.http.HttpClientOptions()
                    .setMaxPoolSize(ConsoleProxy.CONNECTIONS)));
    this.consoleAddress =
        config.console() == null
            ? null
            : SocketAddress.inetSocketAddress(config.consolePort(), config.consoleHost());
    this.progressScript = resource("progress.js");
    this.serverOrigins =
        config.serverDomain() == null
            ? null
            : ServerOrigins.of(config.publicUrl(), config.serverDomain());
    this.handoff = new Handoff(cookies, clock);
  }

  /**
   * Listens with one server per event loop on one port: Vert.x serves a server's connections on the event loop of the
   * context it was made in, so a single server kept every student's sockets on one core (all 1,000 WebSockets'
   * messages on one thread in GatewayProxyBenchmark). The others are verticles, each with a context of its own.
   */
  public Future<HttpServer> listen() {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(config.port())
        .compose(
            first -> {
              server = first;
              return vertx
                  .deployVerticle(
                      () ->
                          new io.vertx.core.AbstractVerticle() {
                            @Override
                            public void start(io.vertx.core.Promise<Void> started) {
                              vertx
                                  .createHttpServer()
                                  .requestHandler(GatewayServer.this::handle)
                                  .listen(first.actualPort())
                                  .<Void>mapEmpty()
                                  .onComplete(started);
                            }
                          },
                      new io.vertx.core.DeploymentOptions().setInstances(EVENT_LOOPS - 1))
                  .map(first);
            });
  }

  public int port() {
    return server.actualPort();
  }

  void handle(HttpServerRequest request) {
    request.pause();
    String serverName =
        serverOrigins == null
            ? null
            : serverOrigins.serverName(request.getHeader(HttpHeaders.HOST));
    if (serverName != null) {
      onServerHost(request, classes.directory().serverNamed(serverName));
      return;
    }
    Optional<Session> session =
        cookies
            .open(SESSION_COOKIE, cookieValue(request, SESSION_COOKIE), Session.class)
            .filter(s -> s.validAt(clock.instant()) && !signedOut.revoked(s));
    Directory directory = classes.directory();
    Set<ServerRef> mine = session.map(s -> directory.serversOf(s.user())).orElse(Set.of());
    Set<Directory.ClassRef> teaching =
        session.map(s -> directory.classesTaughtBy(s.user())).orElse(Set.of());
    Decision decision =
        Routing.decide(
            request.path(), session.isPresent(), directory.serversByBasePath(), mine, teaching);
    if (decision instanceof Decision.Refused refused) {
      problem(
          request,
          refused.status(),
          refused.status() == 404 ? "Not found" : "Not allowed",
          refused.reason());
    } else if (decision instanceof Decision.SignIn signIn) {
      signIn(request, signIn.returnTo());
    } else if (decision instanceof Decision.ToServer to) {
      toServer(request, session.orElseThrow(), to.server(), config.origin());
    } else if (decision instanceof Decision.ToConsole to) {
      toConsole(request, session.orElseThrow(), to.classroom());
    } else {
      own(request, session, directory);
    }
  }

  /** A request on a server's own host: an instructor who opened it through the handoff, or the handoff itself. */
  private void onServerHost(HttpServerRequest request, ServerRef server) {
    String host = server == null ? null : serverOrigins.host(server);
    Optional<Session> session =
        server == null
            ? Optional.empty()
            : handoff
                .serverSession(host, cookieValue(request, Handoff.SERVER_SESSION_COOKIE))
                .filter(s -> s.validAt(clock.instant()) && !signedOut.revoked(s));
    boolean mayOpen =
        session.isPresent() && classes.directory().mayOpen(session.get().user(), server);
    Decision decision = Routing.decide(request.path(), server, session.isPresent(), mayOpen);
    if (decision instanceof Decision.Refused refused) {
      problem(request, refused.status(), "Not allowed", refused.reason());
    } else if (decision instanceof Decision.ToServer to) {
      toServer(request, session.orElseThrow(), to.server(), serverOrigins.origin(server));
    } else if (decision instanceof Decision.SignIn signIn && isNavigation(request)) {
      redirect(request, ENTER_PATH + "?next=" + urlEncode(signIn.returnTo()));
    } else if (decision instanceof Decision.SignIn) {
      problem(
          request,
          401,
          "Open it from the gateway",
          "Open this server from " + config.origin() + "/ first.");
    } else if (request.path().equals("/")) {
      redirect(request, server.basePath());
    } else if (request.path().equals(ENTER_PATH)) {
      enter(request, server, host);
    } else if (request.path().equals(ENTERED_PATH)) {
      entered(request, server, host);
    } else {
      problem(request, 404, "Not found", "There is no such page.");
    }
  }

  /** On the server's host: a state cookie there, then to the gateway's origin, which knows who is signed in. */
  private void enter(HttpServerRequest request, ServerRef server, String host) {
    String next = ReturnPath.safe(request.getParam("next"));
    String state = Handoff.newState();
    request
        .response()
        .addCookie(
            cookie(
                Handoff.STATE_COOKIE,
                handoff.stateCookie(
                    host, state, next.startsWith(server.basePath()) ? next : server.basePath()),
                Handoff.STATE_LIFETIME.toSeconds()));
    redirect(request, config.origin() + OPEN_PATH + "?host=" + urlEncode(host) + "&state=" + state);
  }

  /** On the gateway's origin: a code for a session that may open the server, sent back to the server's host. */
  private void open(HttpServerRequest request, Session session, Directory directory) {
    String host = request.getParam("host");
    String state = request.getParam("state");
    if (host == null) {
      Map<ServerRef, String> enter =
          new java.util.TreeMap<>(java.util.Comparator.comparing(ServerRef::key));
      if (serverOrigins != null) {
        directory
            .serversOpenableBy(session.user())
            .forEach(s -> enter.put(s, serverOrigins.origin(s) + ENTER_PATH));
      }
      send(
          request,
          200,
          "text/html; charset=utf-8",
          Pages.openable(session.user(), enter, csrf(session)));
      return;
    }
    ServerRef server =
        directory.serverNamed(serverOrigins == null ? null : serverOrigins.serverName(host));
    if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
      problem(request, 403, "Not allowed", "Another site's page asked for this; it was refused.");
    } else if (server == null || state == null || state.isEmpty() || state.length() > 100) {
      problem(request, 404, "Not found", "There is no server at this address.");
    } else if (!directory.mayOpen(session.user(), server)) {
      LOG.warn("{} asked to open {} and may not", session.user(), server.key());
      problem(
          request,
          403,
          "Not allowed",
          "You may not open this server: you do not teach its class, or the class does not allow it.");
    } else {
      redirect(
          request,
          serverOrigins.origin(server)
              + ENTERED_PATH
              + "?code="
              + handoff.code(session, serverOrigins.host(server), state));
    }
  }

  /** On the server's host: the code taken once, the Event written, then the host's own session cookie. */
  private void entered(HttpServerRequest request, ServerRef server, String host) {
    Handoff.Redeemed redeemed =
        handoff.redeem(host, request.getParam("code"), cookieValue(request, Handoff.STATE_COOKIE));
    request.response().addCookie(cookie(Handoff.STATE_COOKIE, "", 0));
    if (redeemed instanceof Handoff.Redeemed.Refused refused) {
      problem(
          request,
          400,
          "Open it again",
          "This server could not be opened: "
              + refused.reason()
              + ". Open it again from "
              + config.origin()
              + "/.");
      return;
    }
    Session session = ((Handoff.Redeemed.Opened) redeemed).session();
    String next = ((Handoff.Redeemed.Opened) redeemed).next();
    if (!session.validAt(clock.instant())
        || signedOut.revoked(session)
        || !classes.directory().mayOpen(session.user(), server)) {
      problem(request, 403, "Not allowed", "You may not open this server.");
      return;
    }
    blocking(
            () -> {
              classes.tellOpened(server, session.user());
              return null;
            })
        .onComplete(
            recorded -> {
              if (recorded.failed()) {
                LOG.warn(
                    "cannot record that {} opened {}: {}",
                    session.user(),
                    server.key(),
                    describe(recorded.cause()));
                problem(
                    request,
                    503,
                    "Not recorded",
                    "Opening a student's server is recorded for the class, and it cannot be recorded right now; try again in a minute.");
                return;
              }
              LOG.info("{} opened {} as an instructor", session.user(), server.key());
              request
                  .response()
                  .addCookie(
                      cookie(
                          Handoff.SERVER_SESSION_COOKIE,
                          handoff.serverSession(host, session),
                          Math.max(0, session.expires() - clock.instant().getEpochSecond())));
              redirect(request, next);
            });
  }

  /** Refuses (403) a state change or WebSocket another site's page asked for; true when it did. */
  private boolean refusedCrossSite(
      HttpServerRequest request, Session session, String target, String origin) {
    boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    if (CrossOrigin.allowed(
        request.method().name(),
        webSocket,
        request.getHeader(HttpHeaders.ORIGIN),
        request.getHeader("Sec-Fetch-Site"),
        origin)) {
      return false;
    }
    LOG.warn(
        "refused a cross-site {} to {} for {}",
        webSocket ? "WebSocket" : request.method(),
        target,
        session.user());
    problem(request, 403, "Not allowed", "Another site's page asked for this; it was refused.");
    return true;
  }

  private void toConsole(HttpServerRequest request, Session session, Directory.ClassRef classroom) {
    if (refusedCrossSite(request, session, "the console of " + classroom, config.origin())) {
      return;
    }
    if (consoleAddress == null) {
      problem(
          request,
          404,
          "Not found",
          "The instructors' console is not installed here (the chart's console.enabled).");
      return;
    }
    console.forward(
        request,
        consoleAddress,
        InstructorAssertion.of(
                session.user(), classroom.namespace(), classroom.classroom(), clock.instant())
            .sign(config.consoleKey()));
  }

  private void toServer(
      HttpServerRequest request, Session session, ServerRef server, String origin) {
    if (refusedCrossSite(request, session, server.key(), origin)) {
      return;
    }
    if (!classes.ready(server)) {
      if (isNavigation(request)) {
        redirect(
            request,
            startPagePath(server)
                + "?next="
                + java.net.URLEncoder.encode(
                    request.uri(), java.nio.charset.StandardCharsets.UTF_8));
      } else {
        problem(
            request,
            503,
            "Server not running",
            "Your server is not running; open " + startPagePath(server) + " to start it.");
      }
      return;
    }
    activity.accept(server);
    String cached = classes.cachedToken(server);
    if (cached != null) {
      proxy.forward(request, upstreams.apply(server), cached);
      return;
    }
    blocking(() -> classes.token(server))
        .onComplete(
            token -> {
              if (token.succeeded()) {
                proxy.forward(request, upstreams.apply(server), token.result());
              } else {
                LOG.warn("cannot proxy to {}: {}", server.key(), token.cause().getMessage());
                problem(
                    request,
                    502,
                    "Server not reachable",
                    "Your server cannot be reached right now; your instructor has been told.");
              }
            });
  }

  private void own(HttpServerRequest request, Optional<Session> session, Directory directory) {
    String path = request.path();
    if (path.equals("/_tito/healthz")) {
      send(request, 200, "text/plain; charset=utf-8", "ok\n");
    } else if (path.equals("/_tito/static/progress.js")) {
      send(request, 200, "text/javascript; charset=utf-8", progressScript);
    } else if (path.equals("/_tito/login")) {
      login(request);
    } else if (path.equals(GatewayConfig.CALLBACK_PATH)) {
      callback(request, directory);
    } else if (path.equals("/_tito/logout")) {
      logout(request, session);
    } else if (session.isEmpty()) {
      if (path.equals("/")) {
        send(request, 200, "text/html; charset=utf-8", Pages.signedOut("/_tito/login"));
      } else {
        // the handoff's query (host, state) must survive the sign-in
        signIn(request, path.equals(OPEN_PATH) ? request.uri() : path);
      }
    } else if (path.equals("/")) {
      landing(request, session.get(), directory);
    } else if (path.equals(OPEN_PATH)) {
      open(request, session.get(), directory);
    } else if (path.startsWith("/_tito/servers/")) {
      serverPages(request, session.get(), directory);
    } else {
      problem(request, 404, "Not found", "There is no such page.");
    }
  }

  private void landing(HttpServerRequest request, Session session, Directory directory) {
    Set<ServerRef> servers = directory.serversOf(session.user());
    Set<Directory.ClassRef> teaching = directory.classesTaughtBy(session.user());
    if (servers.size() == 1 && teaching.isEmpty()) {
      redirect(request, servers.iterator().next().basePath());
    } else if (servers.isEmpty() && teaching.isEmpty()) {
      send(
          request,
          403,
          "text/html; charset=utf-8",
          Pages.notOnRoster(session.user(), csrf(session)));
    } else {
      send(
          request,
          200,
          "text/html; charset=utf-8",
          Pages.choose(session.user(), servers, teaching, config.console() != null, csrf(session)));
    }
  }

  /** /_tito/servers/<namespace>/<classroom>/<student>[/start|/progress]: the start-on-demand page and its calls. */
  private void serverPages(HttpServerRequest request, Session session, Directory directory) {
    String[] parts = request.path().substring("/_tito/servers/".length()).split("/");
    Optional<ServerRef> server =
        parts.length < 3
            ? Optional.empty()
            : directory.serversOf(session.user()).stream()
                .filter(
                    s ->
                        s.namespace().equals(parts[0])
                            && s.classroom().equals(parts[1])
                            && s.student().equals(parts[2]))
                .findFirst();
    String action = parts.length == 4 ? parts[3] : parts.length == 3 ? "" : null;
    if (server.isEmpty() || action == null) {
      problem(request, 404, "Not found", "There is no server of yours at this address.");
    } else if (action.isEmpty() && request.method().name().equals("GET")) {
      String next = ReturnPath.safe(request.getParam("next"));
      String base = startPagePath(server.get());
      send(
          request,
          200,
          "text/html; charset=utf-8",
          Pages.progress(
              server.get(),
              base + "/progress",
              base + "/start",
              next.equals(ReturnPath.HOME) ? server.get().basePath() : next,
              csrf(session)));
    } else if (action.equals("progress") && request.method().name().equals("GET")) {
      blocking(() -> classes.progress(server.get()))
          .onComplete(p -> progressJson(request, p.result(), p.cause()));
    } else if (action.equals("start") && request.method().name().equals("POST")) {
      if (!csrfOk(request, session, request.getHeader(CSRF_HEADER))) {
        problem(
            request,
            403,
            "Not allowed",
            "This request did not come from this site's page; it was refused.");
        return;
      }
      blocking(
              () -> {
                if (!classes.stopped(server.get())) {
                  return classes.progress(server.get());
                }
                LOG.info("{} asked to start {}", session.user(), server.get().key());
                return classes.requestStart(server.get());
              })
          .onComplete(p -> progressJson(request, p.result(), p.cause()));
    } else {
      problem(request, 405, "Not allowed", "This page does not take that kind of request.");
    }
  }

  private void progressJson(HttpServerRequest request, Progress progress, Throwable failure) {
    if (failure != null) {
      LOG.warn("cannot read a server's progress: {}", failure.getMessage());
      progress =
          new Progress(
              Progress.Step.FAILED,
              "The cluster cannot be asked about your server right now; try again soon.",
              "");
    }
    try {
      send(
          request,
          200,
          "application/json",
          JSON.writeValueAsString(
              Map.of("step", progress.step().name(), "message", progress.message())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signIn(HttpServerRequest request, String returnTo) {
    if (isNavigation(request)) {
      redirect(
          request,
          "/_tito/login?next="
              + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8));
    } else {
      problem(request, 401, "Sign in first", "Sign in at " + config.origin() + "/ first.");
    }
  }

  private void login(HttpServerRequest request) {
    LoginState login =
        OidcLogin.newLogin(ReturnPath.safe(request.getParam("next")), clock.instant());
    blocking(() -> oidc.authorizationUri(login))
        .onComplete(
            uri -> {
              if (uri.failed()) {
                LOG.warn("cannot start a sign-in: {}", describe(uri.cause()));
                problem(
                    request,
                    503,
                    "Sign-in unavailable",
                    "The sign-in service cannot be reached right now; try again in a minute.");
                return;
              }
              request
                  .response()
                  .addCookie(
                      cookie(
                          LOGIN_COOKIE,
                          cookies.seal(LOGIN_COOKIE, login),
                          OidcLogin.LOGIN_TIMEOUT.toSeconds()));
              redirect(request, uri.result().toString());
            });
  }

  private void callback(HttpServerRequest request, Directory directory) {
    Optional<LoginState> login =
        cookies
            .open(LOGIN_COOKIE, cookieValue(request, LOGIN_COOKIE), LoginState.class)
            .filter(l -> l.validAt(clock.instant()));
    request.response().addCookie(cookie(LOGIN_COOKIE, "", 0));
    String state = request.getParam("state");
    if (login.isEmpty()
        || state == null
        || !java.security.MessageDigest.isEqual(state.getBytes(), login.get().state().getBytes())) {
      problem(
          request,
          400,
          "Sign-in expired",
          "This sign-in took too long or was started elsewhere. Please sign in again.");
      return;
    }
    if (request.getParam("error") != null || request.getParam("code") == null) {
      problem(
          request,
          403,
          "Sign-in refused",
          "The sign-in service did not let you in (" + request.getParam("error") + ").");
      return;
    }
    String code = request.getParam("code");
    blocking(() -> oidc.identity(code, login.get()))
        .onComplete(
            identity -> {
              if (identity.failed()) {
                LOG.warn("a sign-in failed: {}", describe(identity.cause()));
                String why =
                    identity.cause() instanceof SignInFailure
                        ? identity.cause().getMessage()
                        : "an unexpected error";
                problem(request, 403, "Sign-in failed", "You could not be signed in: " + why + ".");
                return;
              }
              String user = identity.result();
              if (!directory.knows(user)) {
                LOG.info("{} signed in but is on no roster and teaches no class", user);
                send(request, 403, "text/html; charset=utf-8", Pages.notOnRoster(user, ""));
                return;
              }
              // a new random id at every sign-in: a session cookie planted before cannot be carried
              // across it
              Session session =
                  new Session(
                      user,
                      randomId(),
                      clock.instant().plus(config.sessionLifetime()).getEpochSecond());
              request
                  .response()
                  .addCookie(
                      cookie(
                          SESSION_COOKIE,
                          cookies.seal(SESSION_COOKIE, session),
                          config.sessionLifetime().toSeconds()));
              LOG.info("{} signed in", user);
              redirect(request, ReturnPath.safe(login.get().returnTo()));
            });
  }

  private void logout(HttpServerRequest request, Optional<Session> session) {
    if (request.method().name().equals("GET")) {
      send(
          request,
          200,
          "text/html; charset=utf-8",
          session.map(s -> Pages.confirmLogout(csrf(s))).orElseGet(() -> Pages.signedOutNow(null)));
      return;
    }
    request.setExpectMultipart(true);
    request.endHandler(
        v -> {
          if (session.isPresent()
              && !csrfOk(request, session.get(), request.getFormAttribute("csrf"))) {
            problem(
                request,
                403,
                "Not allowed",
                "This request did not come from this site's page; it was refused.");
            return;
          }
          request.response().addCookie(cookie(SESSION_COOKIE, "", 0));
          URI providerLogout = oidc.endSessionUri();
          String page =
              Pages.signedOutNow(providerLogout == null ? null : providerLogout.toString());
          if (session.isEmpty()) {
            send(request, 200, "text/html; charset=utf-8", page);
            return;
          }
          // the page says "signed out" once every replica will refuse a copy of the cookie
          vertx
              .executeBlocking(
                  () -> {
                    signedOut.revoke(session.get());
                    return null;
                  },
                  false)
              .onComplete(
                  done -> {
                    LOG.info("{} signed out", session.get().user());
                    send(request, 200, "text/html; charset=utf-8", page);
                  });
        });
    request.resume();
  }

  private boolean csrfOk(HttpServerRequest request, Session session, String token) {
    return token != null
        && java.security.MessageDigest.isEqual(token.getBytes(), csrf(session).getBytes())
        && CrossOrigin.allowed(
            request.method().name(),
            false,
            request.getHeader(HttpHeaders.ORIGIN),
            request.getHeader("Sec-Fetch-Site"),
            config.origin());
  }

  private String csrf(Session session) {
    return cookies.derive("csrf", session.id());
  }

  private static String startPagePath(ServerRef server) {
    return "/_tito/servers/"
        + server.namespace()
        + "/"
        + server.classroom()
        + "/"
        + server.student();
  }

  /** A browser loading a page (not a script's fetch or a WebSocket): it may be redirected to a page. */
  private static boolean isNavigation(HttpServerRequest request) {
    String mode = request.getHeader("Sec-Fetch-Mode");
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return request.method().name().equals("GET")
        && (mode != null
            ? mode.equals("navigate")
            : accept != null && accept.contains("text/html"));
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private static Cookie cookie(String name, String value, long maxAgeSeconds) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setSecure(true)
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(maxAgeSeconds);
  }

  private static String cookieValue(HttpServerRequest request, String name) {
    Cookie cookie = request.getCookie(name);
    return cookie == null ? null : cookie.getValue();
  }

  private void problem(HttpServerRequest request, int status, String title, String sentence) {
    if (accepts(request, "text/html")) {
      send(request, status, "text/html; charset=utf-8", Pages.problem(title, sentence));
    } else {
      send(request, status, "application/json", "{\"message\":" + quote(sentence) + "}");
    }
  }

  private void redirect(HttpServerRequest request, String location) {
    resume(request);
    headers(request.response()).setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
  }

  private void send(HttpServerRequest request, int status, String contentType, String body) {
    resume(request);
    headers(request.response())
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .end(body);
  }

  /** Lets a request's unread body drain (it was paused for the proxy); one already read is left alone. */
  private static void resume(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.resume();
    }
  }

  /** same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the page's own forms. */
  private static HttpServerResponse headers(HttpServerResponse response) {
    return response
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  private static boolean accepts(HttpServerRequest request, String type) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(type);
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String randomId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String urlEncode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String describe(Throwable failure) {
    return failure.getMessage()
        + (failure.getCause() == null ? "" : ": " + failure.getCause().getMessage());
  }

  private static String resource(String name) {
    try (InputStream in = GatewayServer.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
