package broker.lambda.local;

import broker.lambda.authorizer.JwtAuthorizer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** A real OIDC issuer (mock-oauth2-server) and the tokens, good and bad, that the authorizer tests need. */
final class OidcFixture implements AutoCloseable {
    static final String AUDIENCE = "bedrock-broker-cli";
    static final String ISSUER_ID = "default";
    static final String OTHER_ISSUER_ID = "other";

    /** A token that must be refused, named for test reports. */
    record BadToken(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final MockOAuth2Server server = new MockOAuth2Server();

    OidcFixture() {
        server.start();
        // The first answers of mock-oauth2-server are slow (class loading on a busy machine): take them here, so that
        // the authorizer's production timeouts apply to a warm issuer.
        get(server.wellKnownUrl(ISSUER_ID).toString());
        get(server.jwksUrl(ISSUER_ID).toString());
    }

    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    MockOAuth2Server server() {
        return server;
    }

    /** A valid token for {@link #AUDIENCE} with {@code sub} alice plus {@code claims}. */
    String token(Map<String, Object> claims) {
        return token(ISSUER_ID, List.of(AUDIENCE), claims, 600);
    }

    String token(String issuerId, List<String> audiences, Map<String, Object> claims, long expirySeconds) {
        return server.issueToken(issuerId, "cli", new DefaultOAuth2TokenCallback(issuerId, "alice", "JWT",
                audiences, verifiedEmail(claims), expirySeconds)).serialize();
    }

    /** {@code claims} with {@code email_verified} true when they hold an email and say nothing about it, as an IdP that verified it sends. */
    static Map<String, Object> verifiedEmail(Map<String, Object> claims) {
        if (!claims.containsKey("email") || claims.containsKey("email_verified")) return claims;
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        copy.put("email_verified", true);
        return copy;
    }

    /** Signed by the issuer's key but with no {@code sub}. */
    String tokenWithoutSubject() {
        return server.anyToken(server.issuerUrl(ISSUER_ID), Map.of("aud", AUDIENCE), Duration.ofMinutes(10)).serialize();
    }

    List<BadToken> badTokens() {
        String good = token(Map.of());
        String[] parts = good.split("\\.");
        List<BadToken> tokens = new ArrayList<>();
        tokens.add(new BadToken("token from another issuer", token(OTHER_ISSUER_ID, List.of(AUDIENCE), Map.of(), 600)));
        tokens.add(new BadToken("iss of another issuer, signed by this one",
                token(Map.of("iss", "https://evil.example.com"))));
        tokens.add(new BadToken("expired token", token(ISSUER_ID, List.of(AUDIENCE), Map.of(), -600)));
        tokens.add(new BadToken("wrong audience", token(ISSUER_ID, List.of("someone-else"), Map.of(), 600)));
        tokens.add(new BadToken("tampered signature", parts[0] + "." + parts[1] + "." + flipMiddle(parts[2])));
        tokens.add(new BadToken("tampered payload", parts[0] + "." + withSubject(parts[1], "mallory") + "." + parts[2]));
        tokens.add(new BadToken("alg none", Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "."));
        tokens.add(new BadToken("HS256 signed with the public key", hmacWithPublicKey(parts[1])));
        tokens.add(new BadToken("unknown kid", FakeIssuer.sign(FakeIssuer.rsaKey("not-published"), claims(issuer()))));
        tokens.add(new BadToken("missing sub", tokenWithoutSubject()));
        tokens.add(new BadToken("nbf in the future", token(Map.of("nbf", Instant.now().plusSeconds(3600).getEpochSecond()))));
        tokens.add(new BadToken("oversized token", token(Map.of("padding", "x".repeat(JwtAuthorizer.MAX_TOKEN_CHARS)))));
        return tokens;
    }

    static JWTClaimsSet claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("alice").audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
    }

    private String hmacWithPublicKey(String payload) {
        try {
            String jwks = get(server.jwksUrl(ISSUER_ID).toString());
            RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeys().getFirst();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    JWTClaimsSet.parse(new Base64URL(payload).decodeToString()));
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String url) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String withSubject(String payload, String subject) {
        try {
            Map<String, Object> claims = new HashMap<>(JWTClaimsSet.parse(new Base64URL(payload).decodeToString()).toJSONObject());
            claims.put("sub", subject);
            return Base64URL.encode(JSONObjectUtils.toJSONString(claims)
                    .getBytes(StandardCharsets.UTF_8)).toString();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flipMiddle(String signature) {
        int middle = signature.length() / 2;
        char flipped = signature.charAt(middle) == 'A' ? 'B' : 'A';
        return signature.substring(0, middle) + flipped + signature.substring(middle + 1);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
