package dev.tito.gateway.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tito.gateway.session.LoginState;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OpenID Connect sign-in with Nimbus' SDK: the provider's metadata by discovery, the authorization code flow with PKCE
 * (S256), state and nonce, the code exchanged with the client secret, and the ID token's signature (the provider's
 * JWKS), issuer, audience, expiry and nonce checked before the identifying claim is read. All calls block: run them
 * off the event loop.
 */
public final class OidcLogin {
  /** How long a person may take at the provider before the sign-in must start again. */
  public static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);

  private final Issuer issuer;
  private final ClientID clientId;
  private final Secret clientSecret;
  private final URI callback;
  private final Scope scope;
  private final String claim;
  private volatile Provider provider;

  /** The provider's metadata and an ID token validator on its keys, made once discovery succeeded. */
  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  public OidcLogin(
      URI issuer, String clientId, String clientSecret, URI callback, String scopes, String claim) {
    this.issuer = new Issuer(issuer);
    this.clientId = new ClientID(clientId);
    this.clientSecret = new Secret(clientSecret);
    this.callback = callback;
    this.scope = Scope.parse(scopes);
    this.claim = claim;
  }

  /** A fresh state, nonce and PKCE verifier for one sign-in, to keep in the browser's login cookie. */
  public static LoginState newLogin(String returnTo, Instant now) {
    return new LoginState(
        new State().getValue(),
        new Nonce().getValue(),
        new CodeVerifier().getValue(),
        returnTo,
        now.plus(LOGIN_TIMEOUT).getEpochSecond());
  }

  /** Where to send the browser to sign in. */
  public URI authorizationUri(LoginState login) throws SignInFailure {
    return new AuthenticationRequest.Builder(
            new ResponseType(ResponseType.Value.CODE), scope, clientId, callback)
        .endpointURI(provider().metadata().getAuthorizationEndpointURI())
        .state(new State(login.state()))
        .nonce(new Nonce(login.nonce()))
        .codeChallenge(new CodeVerifier(login.verifier()), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /** The provider's logout page, when it has one. */
  public URI endSessionUri() {
    Provider known = provider;
    return known == null ? null : known.metadata().getEndSessionEndpointURI();
  }

  /** Exchanges the code the provider sent back and returns the verified value of the identifying claim. */
  public String identity(String code, LoginState login) throws SignInFailure {
    Provider known = provider();
    TokenRequest request =
        new TokenRequest(
            known.metadata().getTokenEndpointURI(),
            new ClientSecretBasic(clientId, clientSecret),
            new AuthorizationCodeGrant(
                new AuthorizationCode(code), callback, new CodeVerifier(login.verifier())));
    try {
      TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
      if (!response.indicatesSuccess()) {
        throw new SignInFailure(
            "the sign-in service refused to complete the sign-in ("
                + response.toErrorResponse().getErrorObject().getCode()
                + ")");
      }
      OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
      IDTokenClaimsSet claims =
          known.validator().validate(tokens.getOIDCTokens().getIDToken(), new Nonce(login.nonce()));
      Object value = claims.getClaim(claim);
      if (value == null && known.metadata().getUserInfoEndpointURI() != null) {
        value = userInfoClaim(known, tokens);
      }
      if (!(value instanceof String identity) || identity.isBlank()) {
        throw new SignInFailure(
            "the sign-in service did not say who you are (no '" + claim + "' claim)");
      }
      if ("email".equals(claim) && Boolean.FALSE.equals(claims.getBooleanClaim("email_verified"))) {
        throw new SignInFailure(
            "the sign-in service has not verified your e-mail address " + identity);
      }
      return identity;
    } catch (IOException e) {
      throw new SignInFailure("the sign-in service could not be reached", e);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new SignInFailure("the sign-in service's answer could not be verified", e);
    }
  }

  private Object userInfoClaim(Provider known, OIDCTokenResponse tokens)
      throws IOException, ParseException {
    UserInfoResponse info =
        UserInfoResponse.parse(
            new UserInfoRequest(
                    known.metadata().getUserInfoEndpointURI(),
                    tokens.getOIDCTokens().getBearerAccessToken())
                .toHTTPRequest()
                .send());
    return info.indicatesSuccess() ? info.toSuccessResponse().getUserInfo().getClaim(claim) : null;
  }

  /** The provider's metadata, discovered on first use and again after a failure (the provider may start later). */
  private Provider provider() throws SignInFailure {
    Provider known = provider;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (provider == null) {
        provider = discover();
      }
      return provider;
    }
  }

  private Provider discover() throws SignInFailure {
    try {
      OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, 10_000, 10_000);
      Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
      // only public-key signatures: an HS256 token would be signed with the client secret, which is
      // not the provider's word
      if (metadata.getIDTokenJWSAlgs() != null) {
        metadata.getIDTokenJWSAlgs().stream()
            .filter(a -> JWSAlgorithm.Family.SIGNATURE.contains(a))
            .forEach(algorithms::add);
      }
      if (algorithms.isEmpty()) {
        algorithms.add(JWSAlgorithm.RS256);
      }
      IDTokenValidator validator =
          new IDTokenValidator(
              metadata.getIssuer(),
              clientId,
              new JWSVerificationKeySelector<SecurityContext>(
                  algorithms, JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()),
              null);
      return new Provider(metadata, validator);
    } catch (GeneralException | IOException e) {
      throw new SignInFailure("the sign-in service " + issuer + " could not be reached", e);
    }
  }
}
