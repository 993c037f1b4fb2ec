package broker.lambda.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OIDC issuer on loopback whose JWKS can be rotated and whose JWKS requests are counted; mock-oauth2-server
 * cannot rotate keys or count fetches.
 */
final class FakeIssuer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private volatile String discoveredIssuer;
    private volatile boolean jwksDown;

    FakeIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + discoveredIssuer + "\",\"jwks_uri\":\"" + issuer() + "/jwks\"}"));
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            if (jwksDown) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            respond(exchange, new JWKSet(List.copyOf(published)).toString(true));
        });
        server.start();
        discoveredIssuer = issuer();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    /** Makes the discovery document name another issuer than the one it is served from. */
    void announceIssuer(String issuer) {
        discoveredIssuer = issuer;
    }

    /** Makes the JWKS endpoint answer 503 ({@code true}) or serve the keys again; discovery keeps answering. */
    void jwksDown(boolean down) {
        jwksDown = down;
    }

    /** Publishes the public part of {@code key} in the JWKS. */
    void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code audience} from this issuer, signed with {@code key}. */
    String token(JWK key, String audience) {
        Instant now = Instant.now();
        return sign(key, new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("alice")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build());
    }

    static String sign(JWK key, JWTClaimsSet claims) {
        try {
            if (key instanceof RSAKey rsa) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims);
                jwt.sign(new RSASSASigner(rsa));
                return jwt.serialize();
            }
            ECKey ec = (ECKey) key;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (exchange) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
