package broker.lambda.local;

import broker.lambda.authorizer.JwtAuthorizer;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Tokens an attacker can make, each of which the broker must refuse: forged algorithms, foreign keys, key URLs
 * pointing elsewhere, bad claims, tampering, truncation and size. Built from the issuer's real key and claims, so
 * that each differs from a token the broker accepts in one way only.
 */
final class AttackTokens {
    /** A token that must be refused, named for test reports. */
    record Attack(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final BrokerUnderTest broker;
    private final RSAKey attackerKey;
    private final AttackerServer attackerServer;

    AttackTokens(BrokerUnderTest broker, RSAKey attackerKey, AttackerServer attackerServer) {
        this.broker = broker;
        this.attackerKey = attackerKey;
        this.attackerServer = attackerServer;
    }

    List<Attack> all() {
        RSAKey issuerKey = broker.key;
        String kid = issuerKey.getKeyID();
        JWTClaimsSet valid = broker.claims().build();
        String good = broker.token();
        String[] parts = good.split("\\.");
        Instant now = Instant.now();
        List<Attack> attacks = new ArrayList<>();

        // Algorithms
        attacks.add(new Attack("alg none", unsigned("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}", valid)));
        attacks.add(new Attack("alg None in mixed case", unsigned("{\"alg\":\"None\",\"kid\":\"" + kid + "\"}", valid)));
        attacks.add(new Attack("alg none keeping the real signature",
                b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]));
        attacks.add(new Attack("HS256 keyed with the issuer's public key (DER)",
                hmac(JWSAlgorithm.HS256, kid, publicKeyDer(issuerKey), valid)));
        attacks.add(new Attack("HS512 keyed with the issuer's public key (PEM)",
                hmac(JWSAlgorithm.HS512, kid, pem(issuerKey).getBytes(StandardCharsets.US_ASCII), valid)));
        attacks.add(new Attack("HS256 keyed with the issuer's public JWK JSON",
                hmac(JWSAlgorithm.HS256, kid, issuerKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), valid)));
        attacks.add(new Attack("ES256 under the issuer's RSA kid", es256(kid, valid)));

        // Keys from elsewhere
        attacks.add(new Attack("unknown kid, attacker's key", rs256(attackerKey, header(attackerKey.getKeyID()), valid)));
        attacks.add(new Attack("no kid, attacker's key", rs256(attackerKey, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), valid)));
        attacks.add(new Attack("issuer's kid, attacker's key", rs256(attackerKey, header(kid), valid)));
        attacks.add(new Attack("jku to the attacker's JWKS, attacker's kid", rs256(attackerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID())
                        .jwkURL(attackerServer.uri("/jwks.json")).build(), valid)));
        attacks.add(new Attack("jku to the attacker's JWKS, issuer's kid", rs256(attackerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwkURL(attackerServer.uri("/jwks.json")).build(), valid)));
        attacks.add(new Attack("x5u to the attacker's server", rs256(attackerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID())
                        .x509CertURL(attackerServer.uri("/cert.pem")).build(), valid)));
        attacks.add(new Attack("attacker's key embedded as jwk header", rs256(attackerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).jwk(attackerKey.toPublicJWK()).build(), valid)));
        attacks.add(new Attack("kid with path traversal, HMAC with an empty-file key", hmac(JWSAlgorithm.HS256,
                "../../../../../../dev/null", new byte[32], valid)));
        attacks.add(new Attack("kid with SQL injection, attacker's key",
                rs256(attackerKey, header("x' OR '1'='1"), valid)));
        attacks.add(new Attack("critical header the broker does not understand", rs256(issuerKey,
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).criticalParams(Set.of("broker-bypass"))
                        .customParam("broker-bypass", true).build(), valid)));

        // Claims, each signed by the issuer's real key
        attacks.add(new Attack("expired ten minutes ago", signed(c -> c
                .issueTime(Date.from(now.minusSeconds(1200))).expirationTime(Date.from(now.minusSeconds(600))))));
        attacks.add(new Attack("nbf an hour in the future", signed(c -> c.notBeforeTime(Date.from(now.plusSeconds(3600))))));
        attacks.add(new Attack("iat an hour in the future", signed(c -> c.issueTime(Date.from(now.plusSeconds(3600))))));
        attacks.add(new Attack("no exp", signed(c -> c.expirationTime(null))));
        attacks.add(new Attack("iss of another issuer", signed(c -> c.issuer("https://evil.example.com"))));
        attacks.add(new Attack("iss with a trailing slash", signed(c -> c.issuer(broker.issuer.issuer() + "/"))));
        attacks.add(new Attack("aud of another client", signed(c -> c.audience("someone-else"))));
        attacks.add(new Attack("no aud, client_id of another client",
                signed(c -> c.audience((String) null).claim("client_id", "someone-else"))));
        attacks.add(new Attack("no sub", signed(c -> c.subject(null))));
        attacks.add(new Attack("blank sub", signed(c -> c.subject("   "))));
        attacks.add(new Attack("payload that is not JSON", jwsOver(issuerKey, "not json at all")));

        // Tampering with a token the broker accepts
        attacks.add(new Attack("payload tampered after signing (sub)",
                parts[0] + "." + b64(claims(valid, c -> c.subject("mallory")).toString()) + "." + parts[2]));
        attacks.add(new Attack("payload tampered after signing (groups)", parts[0] + "."
                + b64(claims(valid, c -> c.claim("groups", List.of("bedrock-admins", "everyone"))).toString()) + "." + parts[2]));
        attacks.add(new Attack("header tampered after signing (RS512)",
                b64("{\"alg\":\"RS512\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]));
        attacks.add(new Attack("signature of another valid token",
                parts[0] + "." + parts[1] + "." + signed(c -> c.subject("bob")).split("\\.")[2]));
        attacks.add(new Attack("signature stripped", parts[0] + "." + parts[1] + "."));
        attacks.add(new Attack("truncated by ten characters", good.substring(0, good.length() - 10)));
        attacks.add(new Attack("truncated to header and payload", parts[0] + "." + parts[1]));
        attacks.add(new Attack("oversized (> 16 KB) but validly signed",
                signed(c -> c.claim("padding", "x".repeat(JwtAuthorizer.MAX_TOKEN_CHARS + 1024)))));
        attacks.add(new Attack("encrypted JWT (JWE, five parts)", jwe(issuerKey, valid)));
        return attacks;
    }

    /** The valid claims with one change, signed by the issuer's key. */
    String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        return rs256(broker.key, header(broker.key.getKeyID()), change.apply(broker.claims()).build());
    }

    static JWTClaimsSet claims(JWTClaimsSet base, UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(base)).build();
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

    static String hmac(JWSAlgorithm algorithm, String kid, byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String es256(String kid, JWTClaimsSet claims) {
        try {
            ECKey ec = FakeIssuer.ecKey(kid);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwsOver(RSAKey key, String payload) {
        try {
            JWSObject jws = new JWSObject(header(key.getKeyID()), new Payload(payload));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwe(RSAKey key, JWTClaimsSet claims) {
        try {
            EncryptedJWT jwt = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.encrypt(new RSAEncrypter(key.toRSAPublicKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(String headerJson, JWTClaimsSet claims) {
        return b64(headerJson) + "." + b64(claims.toString()) + ".";
    }

    static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static byte[] publicKeyDer(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(RSAKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKeyDer(key))
                + "\n-----END PUBLIC KEY-----\n";
    }
}
