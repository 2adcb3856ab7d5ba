package dev.tito.gateway.oidc;

/** A sign-in that did not end with a verified identity; the message is for the person signing in, never a secret. */
public final class SignInFailure extends Exception {
  public SignInFailure(String message) {
    super(message);
  }

  public SignInFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
