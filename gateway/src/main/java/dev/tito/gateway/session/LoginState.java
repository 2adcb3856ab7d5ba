package dev.tito.gateway.session;

import java.time.Instant;

/**
 * What the browser keeps between leaving for the provider and coming back, in a signed short-lived cookie: the
 * request's state and nonce, the PKCE verifier and where to go afterwards.
 */
public record LoginState(
    String state, String nonce, String verifier, String returnTo, long expires) {
  public boolean validAt(Instant now) {
    return state != null && nonce != null && verifier != null && now.getEpochSecond() < expires;
  }
}
