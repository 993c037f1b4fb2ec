package broker.lambda.authorizer;

import broker.lambda.authorizer.AuthorizationResult.Authorized;
import broker.lambda.authorizer.AuthorizationResult.Unauthorized;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies bearer JWTs the way API Gateway's HTTP API JWT authorizer does: keys from the issuer's {@code jwks_uri}
 * (found by OIDC discovery), signature, {@code iss}, {@code aud} (or {@code client_id} when there is no {@code aud}),
 * {@code exp}, {@code nbf}, {@code iat}, and a {@code kid} header. It also requires {@code sub}, which every broker
 * route needs, and bounds the token's size.
 *
 * <p>Never throws and never logs the token: anything that goes wrong, including an issuer that cannot be reached,
 * is an {@link Unauthorized} with a reason for the server log.
 */
public final class JwtAuthorizer implements Authorizer, AutoCloseable {

    /** Tokens above this size are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** Tolerated clock difference with the issuer for {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Asymmetric signatures only: never {@code none}, never HMAC (whose key would be the public JWKS). */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    public static final Duration KEYS_CACHE_TTL = Duration.ofMinutes(15);
    public static final Duration KEYS_REFRESH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration KEYS_REFRESH_AHEAD = Duration.ofSeconds(30);
    /** At most two JWKS fetches per interval, so a flood of unknown {@code kid}s cannot hammer the issuer. */
    public static final Duration KEYS_RATE_LIMIT = Duration.ofSeconds(30);
    public static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);

    private static final int HTTP_TIMEOUT_MILLIS = 5_000;
    private static final int HTTP_SIZE_LIMIT = 512 * 1024;
    // RFC 6750 b64token, in the three-part JWS compact form; an empty signature is let through so that alg "none"
    // is refused by the verifier, with that reason.
    private static final Pattern BEARER =
            Pattern.compile("(?i:bearer) +([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;
    private final ResourceRetriever retriever;
    private final Duration discoveryRetry;

    private final Object discoveryLock = new Object();
    private volatile Keys keys;
    private Instant lastDiscoveryFailure; // guarded by discoveryLock
    private String lastDiscoveryProblem;  // guarded by discoveryLock

    /**
     * @param issuer    the exact {@code iss} of accepted tokens; its discovery document must name the same issuer
     * @param audiences accepted {@code aud} (or {@code client_id}) values; at least one
     */
    public JwtAuthorizer(String issuer, List<String> audiences) {
        this(issuer, audiences, Clock.systemUTC(),
                new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT),
                DISCOVERY_RETRY);
    }

    /** With a clock, a resource retriever and a discovery retry interval of the caller's (tests, SnapStart priming). */
    public JwtAuthorizer(String issuer, List<String> audiences, Clock clock, ResourceRetriever retriever,
                         Duration discoveryRetry) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audiences = Set.copyOf(audiences);
        if (this.audiences.isEmpty()) throw new IllegalArgumentException("at least one audience is required");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.discoveryRetry = Objects.requireNonNull(discoveryRetry, "discoveryRetry");
    }

    @Override
    public AuthorizationResult authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Unauthorized("no Authorization header");
        }
        String header = authorizationHeader.strip();
        if (header.length() > MAX_TOKEN_CHARS + "Bearer ".length()) {
            return new Unauthorized("token larger than " + MAX_TOKEN_CHARS + " characters");
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches()) {
            return new Unauthorized("Authorization header is not 'Bearer' and one JWT");
        }
        return verify(bearer.group(1));
    }

    /** Verifies a bare JWT (compact serialization). */
    public AuthorizationResult verify(String token) {
        try {
            return verifyOrThrow(token);
        } catch (RuntimeException e) {
            // A library bug or an input it did not expect: still a refusal, never a 500 or an open door.
            return new Unauthorized("verification failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Resolves the issuer's keys now rather than on the first request.
     *
     * @return the problem when the issuer cannot be reached or its discovery document is wrong
     */
    public Optional<String> warmUp() {
        try {
            keys();
            return Optional.empty();
        } catch (DiscoveryException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void close() {
        Keys current = keys;
        if (current != null && current.source() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // Only stops the refresh-ahead thread; nothing to recover.
            }
        }
    }

    private AuthorizationResult verifyOrThrow(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return new Unauthorized("token larger than " + MAX_TOKEN_CHARS + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return new Unauthorized("not a signed JWT: " + e.getMessage());
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            return new Unauthorized("algorithm " + algorithm + " is not allowed");
        }
        if (jwt.getHeader().getKeyID() == null) {
            // API Gateway matches the token's kid against the JWKS; a token without one never verifies there.
            return new Unauthorized("no kid in the token header");
        }
        Keys current;
        try {
            current = keys();
        } catch (DiscoveryException e) {
            return new Unauthorized(e.getMessage());
        }
        JWTClaimsSet claims;
        try {
            claims = current.processor().process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            return new Unauthorized("signature not verified: " + e.getMessage());
        }
        return checkClaims(jwt, claims);
    }

    private AuthorizationResult checkClaims(SignedJWT jwt, JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            return new Unauthorized("iss is not the configured issuer");
        }
        List<String> tokenAudiences = claims.getAudience();
        if (!tokenAudiences.isEmpty()) {
            if (tokenAudiences.stream().noneMatch(audiences::contains)) {
                return new Unauthorized("aud names none of the configured audiences");
            }
        } else if (!(claims.getClaim("client_id") instanceof String clientId) || !audiences.contains(clientId)) {
            // Cognito access tokens carry client_id and no aud; API Gateway checks client_id only when aud is absent.
            return new Unauthorized("no aud, and client_id is not a configured audience");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return new Unauthorized("no exp claim");
        }
        if (!now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            return new Unauthorized("token expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            return new Unauthorized("token not valid before " + notBefore.toInstant());
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.plus(CLOCK_SKEW).isBefore(issuedAt.toInstant())) {
            return new Unauthorized("token issued in the future, at " + issuedAt.toInstant());
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            return new Unauthorized("no sub claim");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(jwt.getPayload().toString());
        } catch (IOException e) {
            return new Unauthorized("payload is not JSON");
        }
        return new Authorized(ApiGatewayClaims.flatten(payload), ApiGatewayClaims.scopes(payload));
    }

    private Keys keys() throws DiscoveryException {
        Keys current = keys;
        if (current != null) return current;
        synchronized (discoveryLock) {
            if (keys != null) return keys;
            Instant now = clock.instant();
            if (lastDiscoveryFailure != null && now.isBefore(lastDiscoveryFailure.plus(discoveryRetry))) {
                throw new DiscoveryException(lastDiscoveryProblem);
            }
            try {
                keys = discover();
                return keys;
            } catch (DiscoveryException e) {
                lastDiscoveryFailure = now;
                lastDiscoveryProblem = e.getMessage();
                throw e;
            }
        }
    }

    private Keys discover() throws DiscoveryException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URL discoveryUrl;
        try {
            discoveryUrl = URI.create(base + "/.well-known/openid-configuration").toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw new DiscoveryException("issuer " + issuer + " is not a URL");
        }
        JsonNode document;
        try {
            document = JSON.readTree(retriever.retrieveResource(discoveryUrl).getContent());
        } catch (IOException e) {
            throw new DiscoveryException("issuer discovery at " + discoveryUrl + " failed: " + e.getMessage());
        }
        if (document == null || !issuer.equals(document.path("issuer").asText(null))) {
            throw new DiscoveryException("discovery document at " + discoveryUrl + " names issuer "
                    + (document == null ? null : document.path("issuer").asText(null)) + ", not " + issuer);
        }
        String jwksUri = document.path("jwks_uri").asText("");
        URL jwksUrl;
        try {
            URI uri = URI.create(jwksUri);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) throw new IllegalArgumentException();
            jwksUrl = uri.toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw new DiscoveryException("discovery document at " + discoveryUrl + " has no usable jwks_uri");
        }
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwksUrl, retriever)
                .cache(KEYS_CACHE_TTL.toMillis(), KEYS_REFRESH_TIMEOUT.toMillis())
                .refreshAheadCache(KEYS_REFRESH_AHEAD.toMillis(), false)
                .rateLimited(KEYS_RATE_LIMIT.toMillis())
                .retrying(false)
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // API Gateway does not look at typ: Cognito access tokens have none, other issuers use "at+jwt".
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        // Claims are checked in checkClaims, with reasons and the injected clock.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return new Keys(source, processor);
    }

    private record Keys(JWKSource<SecurityContext> source, DefaultJWTProcessor<SecurityContext> processor) {}

    private static final class DiscoveryException extends Exception {
        DiscoveryException(String message) {
            super(message, null, false, false);
        }
    }
}
