package broker.client.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpReply;
import broker.client.remote.HttpTransport;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker's JWT attack suite, against the client's ID-token check at login ({@link IdTokenVerifier}): each forged,
 * foreign, stale, tampered, truncated or oversized token is refused with {@link ClientFailure.LoginFailed}, and keys
 * come only from the issuer's JWKS (never from a {@code jku}, {@code x5u} or {@code jwk} header).
 */
class IdTokenAttackTest {
    static final String ISSUER = "https://idp.example.com";
    static final String CLIENT_ID = "bedrock-broker-cli";
    static final String NONCE = "nonce-1";
    static final URI JWKS = URI.create(ISSUER + "/jwks");
    static final URI ATTACKER = URI.create("https://attacker.example.net/keys.json");
    static final RSAKey ISSUER_KEY = rsaKey("issuer-key");
    static final RSAKey ATTACKER_KEY = rsaKey("attacker-key");
    static final OidcMetadata METADATA = new OidcMetadata(ISSUER, URI.create(ISSUER + "/authorize"),
            URI.create(ISSUER + "/token"), JWKS, null, null);

    /** A token that must be refused, named for test reports. */
    record Attack(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    final List<URI> fetched = new CopyOnWriteArrayList<>();
    volatile boolean jwksDown;
    final HttpTransport http = call -> {
        fetched.add(call.uri());
        if (jwksDown) return Result.ok(new HttpReply(503, Map.of(), ""));
        RSAKey published = call.uri().equals(JWKS) ? ISSUER_KEY : ATTACKER_KEY;
        return Result.ok(new HttpReply(200, Map.of("content-type", List.of("application/json")),
                new JWKSet(published.toPublicJWK()).toString(true)));
    };

    @BeforeEach
    void clear() {
        fetched.clear();
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience(CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).claim("nonce", NONCE);
    }

    static String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        return rs256(ISSUER_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER_KEY.getKeyID()).build(),
                change.apply(claims()).build());
    }

    static List<Attack> attacks() {
        String kid = ISSUER_KEY.getKeyID();
        JWTClaimsSet valid = claims().build();
        String good = signed(c -> c);
        String[] parts = good.split("\\.");
        Instant now = Instant.now();
        List<Attack> attacks = new ArrayList<>();
        attacks.add(new Attack("alg none", b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "."));
        attacks.add(new Attack("alg none keeping the real signature",
                b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]));
        attacks.add(new Attack("HS256 keyed with the issuer's public key", hmac(kid, publicKeyDer(ISSUER_KEY), valid)));
        attacks.add(new Attack("HS256 keyed with the issuer's public JWK JSON",
                hmac(kid, ISSUER_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), valid)));
        attacks.add(new Attack("unknown kid, attacker's key", rs256(ATTACKER_KEY, header(ATTACKER_KEY.getKeyID()), valid)));
        attacks.add(new Attack("no kid, attacker's key", rs256(ATTACKER_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), valid)));
        attacks.add(new Attack("issuer's kid, attacker's key", rs256(ATTACKER_KEY, header(kid), valid)));
        attacks.add(new Attack("jku to the attacker's JWKS", rs256(ATTACKER_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(ATTACKER_KEY.getKeyID()).jwkURL(ATTACKER).build(), valid)));
        attacks.add(new Attack("x5u to the attacker's server", rs256(ATTACKER_KEY, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(ATTACKER_KEY.getKeyID()).x509CertURL(ATTACKER).build(), valid)));
        attacks.add(new Attack("attacker's key embedded as jwk header", rs256(ATTACKER_KEY,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwk(ATTACKER_KEY.toPublicJWK()).build(), valid)));
        attacks.add(new Attack("expired ten minutes ago", signed(c -> c
                .issueTime(Date.from(now.minusSeconds(4200))).expirationTime(Date.from(now.minusSeconds(600))))));
        attacks.add(new Attack("nbf an hour in the future", signed(c -> c.notBeforeTime(Date.from(now.plusSeconds(3600))))));
        attacks.add(new Attack("no exp", signed(c -> c.expirationTime(null))));
        attacks.add(new Attack("iss of another issuer", signed(c -> c.issuer("https://evil.example.com"))));
        attacks.add(new Attack("aud of another client", signed(c -> c.audience("someone-else"))));
        attacks.add(new Attack("no sub", signed(c -> c.subject(null))));
        attacks.add(new Attack("blank sub", signed(c -> c.subject("  "))));
        attacks.add(new Attack("nonce of another login", signed(c -> c.claim("nonce", "replayed"))));
        attacks.add(new Attack("payload tampered after signing", parts[0] + "."
                + b64(new JWTClaimsSet.Builder(valid).subject("mallory").build().toString()) + "." + parts[2]));
        attacks.add(new Attack("header tampered after signing", b64("{\"alg\":\"RS512\",\"kid\":\"" + kid + "\"}")
                + "." + parts[1] + "." + parts[2]));
        attacks.add(new Attack("signature stripped", parts[0] + "." + parts[1] + "."));
        attacks.add(new Attack("truncated by ten characters", good.substring(0, good.length() - 10)));
        attacks.add(new Attack("truncated to header and payload", parts[0] + "." + parts[1]));
        attacks.add(new Attack("oversized (> 16 KB) but validly signed",
                signed(c -> c.claim("padding", "x".repeat(IdTokenVerifier.MAX_TOKEN_CHARS + 1024)))));
        attacks.add(new Attack("encrypted JWT (JWE)", jwe(valid)));
        return attacks;
    }

    @Test
    void verify_validToken_isAcceptedWithKeysFromTheIssuersJwksOnly() {
        var result = new IdTokenVerifier(http).verify(signed(c -> c), METADATA, CLIENT_ID, NONCE);

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class,
                ok -> assertThat(((IdTokenVerifier.Verified) ok.value()).subject()).isEqualTo("alice"));
        assertThat(fetched).containsExactly(JWKS);
    }

    @Test
    void attackSuite_hasAtLeastTwentyDistinctTokens() {
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20).extracting(Attack::token).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void verify_attackToken_isRefusedWithoutFetchingKeysFromElsewhere(Attack attack) {
        var result = new IdTokenVerifier(http).verify(attack.token(), METADATA, CLIENT_ID, NONCE);

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> {
            assertThat(err.failure()).isInstanceOf(ClientFailure.LoginFailed.class);
            String reason = ((ClientFailure.LoginFailed) err.failure()).reason();
            assertThat(reason).isNotBlank();
            for (String part : attack.token().split("\\.")) {
                if (part.length() >= 24) assertThat(reason).doesNotContain(part);
            }
        });
        assertThat(fetched).allSatisfy(uri -> assertThat(uri).isEqualTo(JWKS));
    }

    @Test
    void verify_whenTheJwksIsDown_failsWithAClearErrorInsteadOfThrowing() {
        jwksDown = true;

        var result = new IdTokenVerifier(http).verify(signed(c -> c), METADATA, CLIENT_ID, NONCE);

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isEqualTo(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "its signing keys (JWKS) answered HTTP 503")));
    }

    static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    static String rs256(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmac(String kid, byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwe(JWTClaimsSet claims) {
        try {
            EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), claims);
            jwt.encrypt(new RSAEncrypter(ISSUER_KEY.toRSAPublicKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] publicKeyDer(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
