package dev.tito.gateway.session;

import java.time.Instant;

/**
 * Who is signed in, as the session cookie carries it.
 *
 * @param user the identifying claim's value (an e-mail address by default), matched against the rosters
 * @param id a random id minted at each sign-in (never taken from the request: no session fixation)
 * @param expires epoch seconds after which the cookie is ignored
 */
public record Session(String user, String id, long expires) {
  public boolean validAt(Instant now) {
    return user != null && id != null && now.getEpochSecond() < expires;
  }
}
