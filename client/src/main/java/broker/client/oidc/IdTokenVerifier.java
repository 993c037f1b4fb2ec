package broker.client.oidc;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpTransport;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Verifies an ID token at login: signature with the issuer's JWKS, {@code iss}, {@code aud} (the client id),
 * {@code exp} and {@code nbf} (60 s leeway), {@code nonce} when one was sent, that {@code sub} is present and not blank,
 * and that the token is no larger than the broker accepts. Keys come only from the issuer's JWKS, never from a
 * {@code jku}, {@code x5u} or {@code jwk} header.
 */
public final class IdTokenVerifier {
    /** The broker refuses bearer tokens above this size (its authorizer's limit), so login refuses them too. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final HttpTransport http;

    public IdTokenVerifier(HttpTransport http) {
        this.http = http;
    }

    /** The verified subject and expiry. */
    public record Verified(String subject, Instant expiresAt) {}

    public Result<Verified> verify(String idToken, OidcMetadata metadata, String clientId, String nonce) {
        if (idToken.length() > MAX_TOKEN_CHARS) {
            return Result.err(new ClientFailure.LoginFailed("the identity provider's ID token is larger than "
                    + MAX_TOKEN_CHARS / 1024 + " KB, which the broker refuses"));
        }
        return http.send(HttpCall.get(metadata.jwksUri(), Map.of("Accept", "application/json"))).flatMap(reply -> {
            if (!reply.successful()) {
                return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE,
                        "its signing keys (JWKS) answered HTTP " + reply.status()));
            }
            JWKSet keys;
            try {
                keys = JWKSet.parse(reply.body());
            } catch (ParseException e) {
                return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "unreadable signing keys (JWKS)"));
            }
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
            var exact = new JWTClaimsSet.Builder().issuer(metadata.issuer());
            if (nonce != null) {
                exact.claim("nonce", nonce);
            }
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(clientId), exact.build(),
                    Set.of("sub", "exp", "iat"), Set.of()));
            try {
                JWTClaimsSet claims = processor.process(idToken, null);
                if (claims.getSubject().isBlank()) {
                    // The broker refuses a blank sub on every call: better to say so now than to store the token.
                    return Result.err(new ClientFailure.LoginFailed("the identity provider's ID token has a blank sub"));
                }
                return Result.ok(new Verified(claims.getSubject(), claims.getExpirationTime().toInstant()));
            } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
                // The reason names the failed check (signature, audience, nonce...), never the token.
                return Result.err(new ClientFailure.LoginFailed("the identity provider's ID token failed verification: "
                        + e.getMessage()));
            }
        });
    }
}
