package broker.lambda.local;

import broker.lambda.authorizer.JwtAuthorizer;
import broker.lambda.authorizer.AuthorizationResult;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.authorizer.AuthorizationResult.Authorized;
import broker.lambda.authorizer.AuthorizationResult.Unauthorized;
import broker.lambda.local.OidcFixture.BadToken;
import broker.lambda.testing.TestClock;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAuthorizerTest {
    private static OidcFixture oidc;
    private static JwtAuthorizer authorizer;
    private static List<BadToken> badTokens;

    @BeforeAll
    static void startIssuer() {
        oidc = new OidcFixture();
        authorizer = new JwtAuthorizer(oidc.issuer(), List.of("portal", OidcFixture.AUDIENCE));
        badTokens = oidc.badTokens();
    }

    @AfterAll
    static void stopIssuer() {
        authorizer.close();
        oidc.close();
    }

    static List<BadToken> badTokens() {
        return badTokens;
    }

    @Test
    void authorize_validToken_returnsAuthorizedWithFlattenedClaims() {
        String token = oidc.token(Map.of("groups", List.of("a", "b", "c"), "email", "alice@example.com",
                "email_verified", true, "scope", "openid email"));

        var result = authorizer.authorize("Bearer " + token);

        assertThat(result).isInstanceOfSatisfying(Authorized.class, authorized -> {
            assertThat(authorized.claims())
                    .containsEntry("sub", "alice")
                    .containsEntry("iss", oidc.issuer())
                    .containsEntry("aud", OidcFixture.AUDIENCE)
                    .containsEntry("groups", "[a b c]")
                    .containsEntry("email", "alice@example.com")
                    .containsEntry("email_verified", "true");
            assertThat(authorized.claims().get("exp")).matches("\\d{10}");
            assertThat(authorized.scopes()).containsExactly("openid", "email");
        });
    }

    @Test
    void authorize_lowerCaseSchemeAndExtraSpaces_returnsAuthorized() {
        assertThat(authorizer.authorize("  bearer   " + oidc.token(Map.of()) + " ")).isInstanceOf(Authorized.class);
    }

    @Test
    void authorize_audienceListContainingAConfiguredAudience_returnsAuthorized() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of("other-api", "portal"), Map.of(), 600);

        assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Authorized.class);
    }

    @Test
    void authorize_cognitoAccessTokenWithClientIdAndNoAud_returnsAuthorized() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of(), Map.of("client_id", OidcFixture.AUDIENCE,
                "token_use", "access"), 600);

        assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Authorized.class);
    }

    @Test
    void authorize_noAudAndUnknownClientId_returnsUnauthorized() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of(), Map.of("client_id", "someone-else"), 600);

        assertThat(authorizer.authorize("Bearer " + token))
                .isEqualTo(new Unauthorized("no aud, and client_id is not a configured audience"));
    }

    @Test
    void authorize_expiredWithinClockSkew_returnsAuthorized() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of(OidcFixture.AUDIENCE), Map.of(), -20);

        assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Authorized.class);
    }

    @Test
    void authorize_notBeforeWithinClockSkew_returnsAuthorized() {
        String token = oidc.token(Map.of("nbf", Instant.now().plusSeconds(20).getEpochSecond()));

        assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Authorized.class);
    }

    @Test
    void authorize_issuedInTheFuture_returnsUnauthorized() {
        String token = oidc.token(Map.of("iat", Instant.now().plusSeconds(3600).getEpochSecond()));

        assertThat(authorizer.authorize("Bearer " + token))
                .isInstanceOfSatisfying(Unauthorized.class, u -> assertThat(u.reason()).contains("issued in the future"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void authorize_badToken_returnsUnauthorizedWithoutTheToken(BadToken bad) {
        var result = authorizer.authorize("Bearer " + bad.token());

        assertThat(result).isInstanceOfSatisfying(Unauthorized.class, unauthorized -> {
            assertThat(unauthorized.reason()).isNotBlank();
            assertThat(unauthorized.reason()).doesNotContain(bad.token().split("\\.")[1]);
        });
    }

    @Test
    void authorize_expiredToken_saysExpired() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of(OidcFixture.AUDIENCE), Map.of(), -600);

        assertThat(reason(authorizer.authorize("Bearer " + token))).startsWith("token expired at ");
    }

    @Test
    void authorize_wrongAudience_saysAudience() {
        String token = oidc.token(OidcFixture.ISSUER_ID, List.of("someone-else"), Map.of(), 600);

        assertThat(reason(authorizer.authorize("Bearer " + token))).isEqualTo("aud names none of the configured audiences");
    }

    @Test
    void authorize_issOfAnotherIssuerSignedByThisOne_saysIssuer() {
        String token = oidc.token(Map.of("iss", "https://evil.example.com"));

        assertThat(reason(authorizer.authorize("Bearer " + token))).isEqualTo("iss is not the configured issuer");
    }

    @Test
    void authorize_missingSubject_saysSub() {
        assertThat(reason(authorizer.authorize("Bearer " + oidc.tokenWithoutSubject()))).isEqualTo("no sub claim");
    }

    @Test
    void authorize_notBeforeInTheFuture_saysNotValidBefore() {
        String token = oidc.token(Map.of("nbf", Instant.now().plusSeconds(3600).getEpochSecond()));

        assertThat(reason(authorizer.authorize("Bearer " + token))).startsWith("token not valid before ");
    }

    @Test
    void authorize_algNone_isRefusedAsUnsigned() {
        BadToken none = badToken("alg none");

        assertThat(reason(authorizer.authorize("Bearer " + none.token()))).startsWith("not a signed JWT");
    }

    @Test
    void authorize_hmacSignedWithPublicKey_isRefusedForItsAlgorithm() {
        BadToken hmac = badToken("HS256 signed with the public key");

        assertThat(reason(authorizer.authorize("Bearer " + hmac.token()))).isEqualTo("algorithm HS256 is not allowed");
    }

    @Test
    void authorize_oversizedToken_isRefusedForItsSize() {
        BadToken oversized = badToken("oversized token");

        assertThat(oversized.token().length()).isGreaterThan(JwtAuthorizer.MAX_TOKEN_CHARS);
        assertThat(reason(authorizer.authorize("Bearer " + oversized.token()))).contains("larger than");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Token a.b.c",
            "Bearer a.b.c extra", "Bearer a.b", "Bearer a.b.c.d.e", "Bearer a,b.c", "Bearer\ta.b.c", "Bearera.b.c"})
    void authorize_missingOrMalformedHeader_returnsUnauthorized(String header) {
        assertThat(authorizer.authorize(header)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void authorize_twoTokensInOneHeader_returnsUnauthorized() {
        String token = oidc.token(Map.of());

        assertThat(authorizer.authorize("Bearer " + token + " " + token)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void authorize_issuerUnreachable_returnsUnauthorizedWithoutThrowing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (JwtAuthorizer offline = new JwtAuthorizer("http://127.0.0.1:" + closedPort + "/issuer", List.of("x"))) {
            var result = offline.authorize("Bearer " + oidc.token(Map.of()));

            assertThat(reason(result)).startsWith("issuer discovery at http://127.0.0.1:" + closedPort);
            assertThat(offline.warmUp()).isPresent();
        }
    }

    @Test
    void authorize_discoveryDocumentNamesAnotherIssuer_returnsUnauthorized() throws IOException {
        try (FakeIssuer issuer = new FakeIssuer(); JwtAuthorizer authorizer = authorizerFor(issuer)) {
            RSAKey key = FakeIssuer.rsaKey("k1");
            issuer.publish(key);
            issuer.announceIssuer("https://impostor.example.com");

            assertThat(reason(authorizer.authorize("Bearer " + issuer.token(key, "api"))))
                    .contains("names issuer https://impostor.example.com");
            assertThat(issuer.jwksRequests()).isZero();
        }
    }

    @Test
    void authorize_es256Token_returnsAuthorized() throws IOException {
        try (FakeIssuer issuer = new FakeIssuer(); JwtAuthorizer authorizer = authorizerFor(issuer)) {
            ECKey key = FakeIssuer.ecKey("ec1");
            issuer.publish(key);

            assertThat(authorizer.authorize("Bearer " + issuer.token(key, "api"))).isInstanceOf(Authorized.class);
        }
    }

    @Test
    void authorize_keyRotatedAtIssuer_fetchesNewKeysAndAccepts() throws IOException {
        try (FakeIssuer issuer = new FakeIssuer(); JwtAuthorizer authorizer = authorizerFor(issuer)) {
            RSAKey oldKey = FakeIssuer.rsaKey("old");
            issuer.publish(oldKey);
            assertThat(authorizer.authorize("Bearer " + issuer.token(oldKey, "api"))).isInstanceOf(Authorized.class);

            RSAKey newKey = FakeIssuer.rsaKey("new");
            issuer.publish(newKey);

            assertThat(authorizer.authorize("Bearer " + issuer.token(newKey, "api"))).isInstanceOf(Authorized.class);
            assertThat(issuer.jwksRequests()).isEqualTo(2);
        }
    }

    @Test
    void authorize_floodOfUnknownKids_fetchesJwksAtMostTwice() throws Exception {
        try (FakeIssuer issuer = new FakeIssuer(); JwtAuthorizer authorizer = authorizerFor(issuer)) {
            RSAKey published = FakeIssuer.rsaKey("published");
            issuer.publish(published);
            List<RSAKey> unknownKeys = IntStream.range(0, 5).mapToObj(i -> FakeIssuer.rsaKey("unknown-" + i)).toList();
            List<String> unknownKidTokens = IntStream.range(0, 50)
                    .mapToObj(i -> issuer.token(unknownKeys.get(i % 5), "api"))
                    .toList();

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<AuthorizationResult>> results = unknownKidTokens.stream()
                        .map(token -> pool.submit(() -> authorizer.authorize("Bearer " + token)))
                        .toList();
                for (Future<AuthorizationResult> result : results) {
                    assertThat(result.get()).isInstanceOf(Unauthorized.class);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(issuer.jwksRequests()).isBetween(1, 2);
            assertThat(authorizer.authorize("Bearer " + issuer.token(published, "api"))).isInstanceOf(Authorized.class);
            assertThat(issuer.jwksRequests()).isBetween(1, 2);
        }
    }

    @Test
    void authorize_issuerDownAtFirstThenUp_retriesDiscoveryAfterTheRetryInterval() throws IOException {
        try (FakeIssuer issuer = new FakeIssuer()) {
            RSAKey key = FakeIssuer.rsaKey("k1");
            issuer.publish(key);
            issuer.announceIssuer("https://not-yet.example.com");
            TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
            try (JwtAuthorizer authorizer = new JwtAuthorizer(issuer.issuer(), List.of("api"), clock,
                    new DefaultResourceRetriever(1000, 1000), Duration.ofSeconds(5))) {
                String token = issuer.token(key, "api");
                clock.set(Instant.now());
                assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Unauthorized.class);

                issuer.announceIssuer(issuer.issuer());
                assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Unauthorized.class);

                clock.set(clock.instant().plusSeconds(6));
                assertThat(authorizer.authorize("Bearer " + token)).isInstanceOf(Authorized.class);
            }
        }
    }

    private static JwtAuthorizer authorizerFor(FakeIssuer issuer) {
        return new JwtAuthorizer(issuer.issuer(), List.of("api"));
    }

    private static BadToken badToken(String name) {
        return badTokens.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String reason(AuthorizationResult result) {
        assertThat(result).isInstanceOf(Unauthorized.class);
        return ((Unauthorized) result).reason();
    }
}
