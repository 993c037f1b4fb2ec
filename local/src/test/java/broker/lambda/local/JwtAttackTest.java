package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.local.AttackTokens.Attack;
import broker.lambda.local.BrokerUnderTest.Answer;
import broker.lambda.local.BrokerUnderTest.Call;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JWT attack suite against the local broker: forged, foreign, stale, tampered, truncated and oversized tokens and
 * malformed {@code Authorization} headers, each on every authenticated route. Every one must get a 401 problem+json,
 * and neither STS nor IAM may see a single request. Key URLs in token headers ({@code jku}, {@code x5u}, {@code jwk})
 * must be ignored: keys come only from the issuer's JWKS. Also: cached keys keep working while the JWKS is down, and a
 * flood of unknown {@code kid}s causes no stampede of JWKS fetches.
 */
class JwtAttackTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UNAUTHORIZED = "https://bedrock-broker.dev/problems/unauthorized";

    static BrokerUnderTest broker;
    static AttackerServer attacker;
    static List<Attack> attacks;
    /** Signs tokens whose kid the issuer never published. */
    static final RSAKey stranger = FakeIssuer.rsaKey("stranger");

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerUnderTest();
        RSAKey attackerKey = FakeIssuer.rsaKey("attacker-key");
        attacker = new AttackerServer(attackerKey);
        attacks = new AttackTokens(broker, attackerKey, attacker).all();
    }

    @AfterAll
    static void stop() {
        attacker.close();
        broker.close();
    }

    static List<Attack> attacks() {
        return attacks;
    }

    @Test
    void validToken_onEveryAuthenticatedRoute_isAccepted() throws Exception {
        String token = broker.token();
        for (Call route : BrokerUnderTest.AUTHENTICATED_ROUTES) {
            Answer answer = broker.send(route, List.of("Bearer " + token));

            assertThat(answer.status()).as(route + ": " + answer.body()).isNotEqualTo(401).isLessThan(500);
        }
    }

    @Test
    void attackSuite_hasAtLeastTwentyDistinctTokens() {
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(20);
        assertThat(attacks).extracting(Attack::token).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackToken_onEveryAuthenticatedRoute_answers401AndNeverReachesStsOrIam(Attack attack) throws Exception {
        int sts = broker.stsCalls();
        int iam = broker.iamCalls();

        for (Call route : BrokerUnderTest.AUTHENTICATED_ROUTES) {
            assertUnauthorized(route, broker.send(route, List.of("Bearer " + attack.token())), attack.token());
        }

        assertThat(broker.stsCalls()).as("STS calls").isEqualTo(sts);
        assertThat(broker.iamCalls()).as("IAM calls").isEqualTo(iam);
        assertThat(attacker.requests()).as("fetches from the attacker's server").isZero();
        assertNotLogged(attack.token());
    }

    static Stream<Arguments> malformedHeaders() {
        String valid = broker.token();
        String expired = attacks.stream().filter(a -> a.name().startsWith("expired")).findFirst().orElseThrow().token();
        String none = attacks.getFirst().token();
        String basic = Base64.getEncoder().encodeToString("alice:correct horse battery staple".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("no Authorization header", List.of()),
                Arguments.of("empty header", List.of("")),
                Arguments.of("scheme without a token", List.of("Bearer")),
                Arguments.of("Bearer twice", List.of("Bearer Bearer " + valid)),
                Arguments.of("Basic credentials", List.of("Basic " + basic)),
                Arguments.of("valid token under the Basic scheme", List.of("Basic " + valid)),
                Arguments.of("valid token under another scheme", List.of("Token " + valid)),
                Arguments.of("valid token without a scheme", List.of(valid)),
                Arguments.of("two Authorization headers", List.of("Bearer " + valid, "Bearer " + valid)),
                Arguments.of("two tokens in one header", List.of("Bearer " + valid + ", Bearer " + valid)),
                Arguments.of("token followed by garbage", List.of("Bearer " + valid + " extra")),
                // The JDK's HTTP parser turns a tab in a header value into a space, so a tab passes like a space does.
                Arguments.of("tab instead of a space with an alg-none token", List.of("Bearer\t" + none)),
                Arguments.of("scheme glued to the token", List.of("Bearer" + valid)),
                Arguments.of("lowercase scheme with an alg-none token", List.of("bearer " + none)),
                Arguments.of("uppercase scheme and extra spaces with an expired token", List.of("BEARER     " + expired)),
                Arguments.of("token with a space inside", List.of("Bearer " + valid.replaceFirst("\\.", " ."))),
                Arguments.of("64 KB of garbage", List.of("Bearer " + "A".repeat(64 * 1024))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeaders")
    void malformedAuthorizationHeader_onEveryAuthenticatedRoute_answers401AndNeverReachesStsOrIam(
            String name, List<String> header) throws Exception {
        int sts = broker.stsCalls();
        int iam = broker.iamCalls();

        for (Call route : BrokerUnderTest.AUTHENTICATED_ROUTES) {
            assertUnauthorized(route, broker.send(route, header), String.join(" ", header));
        }

        assertThat(broker.stsCalls()).as("STS calls").isEqualTo(sts);
        assertThat(broker.iamCalls()).as("IAM calls").isEqualTo(iam);
    }

    @Test
    void cachedKeys_whileTheJwksIsDown_keepVerifyingAndUnknownKidsCauseNoStampede() throws Exception {
        try (BrokerUnderTest fresh = new BrokerUnderTest()) {
            Call me = new Call("GET", "/v1/me", null);
            assertThat(fresh.send(me, List.of("Bearer " + fresh.token())).status()).isEqualTo(200);
            int fetchesWhileUp = fresh.issuer.jwksRequests();

            fresh.issuer.jwksDown(true);
            List<Answer> unknown = concurrently(50, i -> fresh.send(me, List.of("Bearer "
                    + AttackTokens.rs256(stranger, AttackTokens.header("rotated-" + (i % 5)), fresh.claims().build()))));

            assertThat(unknown).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
            assertThat(fresh.issuer.jwksRequests() - fetchesWhileUp).as("JWKS fetches for 50 unknown kids").isBetween(0, 2);
            List<Answer> known = concurrently(20, i -> fresh.send(me, List.of("Bearer " + fresh.token())));
            assertThat(known).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
            assertThat(fresh.stsCalls()).isZero();
            assertThat(fresh.iamCalls()).isZero();
        }
    }

    @Test
    void unknownKid_fromFiftyConcurrentCallers_fetchesTheJwksAtMostTwice() throws Exception {
        try (BrokerUnderTest fresh = new BrokerUnderTest()) {
            Call credentials = new Call("POST", "/v1/credentials", "{}");
            Call me = new Call("GET", "/v1/me", null);
            assertThat(fresh.send(me, List.of("Bearer " + fresh.token())).status()).isEqualTo(200);
            int before = fresh.issuer.jwksRequests();

            List<Answer> answers = concurrently(50, i -> fresh.send(credentials, List.of("Bearer "
                    + AttackTokens.rs256(stranger, AttackTokens.header("unknown-" + i), fresh.claims().build()))));

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
            assertThat(fresh.issuer.jwksRequests() - before).as("JWKS fetches for 50 unknown kids").isBetween(1, 2);
            assertThat(fresh.stsCalls()).isZero();
            assertThat(fresh.send(me, List.of("Bearer " + fresh.token())).status()).isEqualTo(200);
        }
    }

    static void assertUnauthorized(Call route, Answer answer, String token) throws Exception {
        assertThat(answer.status()).as(route + ": " + answer.body()).isEqualTo(401);
        assertThat(answer.header("content-type")).as(route.toString()).isEqualTo("application/problem+json");
        assertThat(answer.header("www-authenticate")).as(route.toString()).isEqualTo("Bearer");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("type").asText()).isEqualTo(UNAUTHORIZED);
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).isEqualTo(answer.header("apigw-requestid"));
        for (String part : secretParts(token)) assertThat(answer.body()).doesNotContain(part);
    }

    static void assertNotLogged(String token) {
        String log = broker.serverLog();
        assertThat(log).contains("unauthorized: ");
        for (String part : secretParts(token)) assertThat(log).doesNotContain(part);
    }

    /** The parts of a token long enough to identify it (payload, signature). */
    static List<String> secretParts(String token) {
        return Arrays.stream(token.split("[. ,]")).filter(part -> part.length() >= 24).toList();
    }

    interface Attempt {
        Answer send(int index) throws Exception;
    }

    /** Runs {@code count} attempts at once (all released together) and returns their answers. */
    static List<Answer> concurrently(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = IntStream.range(0, count).mapToObj(i -> pool.submit(() -> {
                go.await();
                return attempt.send(i);
            })).toList();
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) answers.add(future.get());
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
