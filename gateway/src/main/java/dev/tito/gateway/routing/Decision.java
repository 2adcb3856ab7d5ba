package dev.tito.gateway.routing;

import dev.tito.gateway.classes.Directory;
import dev.tito.gateway.classes.ServerRef;

/** Where one request goes, decided from its path and the session alone. */
public sealed interface Decision {
  /** To the signed-in student's own server. */
  record ToServer(ServerRef server) implements Decision {}

  /** To the instructors' console of a class the signed-in person teaches. */
  record ToConsole(Directory.ClassRef classroom) implements Decision {}

  /** One of the gateway's own pages or endpoints (the landing page, {@code /_tito/...}). */
  record Gateway(String path) implements Decision {}

  /** Nobody is signed in: sign in, then come back to {@code returnTo}. */
  record SignIn(String returnTo) implements Decision {}

  /** Refused with a status and a sentence a person understands. */
  record Refused(int status, String reason) implements Decision {}
}
