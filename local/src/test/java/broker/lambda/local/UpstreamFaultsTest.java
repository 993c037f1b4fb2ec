package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.ClientBudget;
import broker.lambda.local.BrokerUnderTest.Answer;
import broker.lambda.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STS and IAM failing under the local broker: throttling, 5xx, answers too slow, reset or broken connections. The
 * broker retries within its time budget ({@link ClientBudget#LAMBDA}: {@code apiCallTimeout} for the whole call,
 * retries included), then answers 429 or 503 with {@code Retry-After}; the answer names no AWS internals and no log
 * line holds a secret.
 */
class UpstreamFaultsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration BUDGET = ClientBudget.LAMBDA.apiCallTimeout();
    /** Loopback HTTP, JWT verification and handler work on top of the SDK call, on a busy 2-core machine. */
    static final Duration OVERHEAD = Duration.ofMillis(2_500);

    static BrokerUnderTest broker;
    static final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    static LogCapture capture;
    static StubMapping iamFault;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerUnderTest();
        capture = new LogCapture(logLines::add, false);
        // Class loading and JIT of the first STS and IAM calls are not what the budget is about.
        assertThat(broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}").status()).isEqualTo(200);
        assertThat(broker.send("GET", "/v1/api-keys", List.of("Bearer " + broker.token()), null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        capture.close();
        broker.close();
    }

    @BeforeEach
    void reset() {
        broker.stubStsIssues();
        broker.iamServer.resetRequests();
        if (iamFault != null) broker.iamServer.removeStub(iamFault);
        iamFault = null;
        logLines.clear();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("Throttling", BrokerUnderTest.awsError(400, "Throttling"), 429),
                Arguments.of("ThrottlingException", BrokerUnderTest.awsError(400, "ThrottlingException"), 429),
                Arguments.of("500 InternalFailure", BrokerUnderTest.awsError(500, "InternalFailure"), 503),
                Arguments.of("503 ServiceUnavailable", BrokerUnderTest.awsError(503, "ServiceUnavailable"), 503),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 503),
                Arguments.of("empty answer", aResponse().withFault(Fault.EMPTY_RESPONSE), 503),
                Arguments.of("garbage, then closed", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), 503));
    }

    @ParameterizedTest(name = "STS {0} -> {2}")
    @MethodSource("faults")
    void credentials_whenStsFails_answersRetryAfterWithinTheBudget(String name, ResponseDefinitionBuilder fault, int status)
            throws Exception {
        broker.sts.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(fault));

        Timed timed = timed(() -> broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}"));

        assertRetryLater(timed, status);
        assertThat(broker.stsCalls()).as("STS attempts").isBetween(1, ClientBudget.LAMBDA.maxAttempts());
    }

    @ParameterizedTest(name = "IAM {0} -> {2}")
    @MethodSource("faults")
    void apiKeyCreate_whenIamFails_answersRetryAfterWithinTheBudget(String name, ResponseDefinitionBuilder fault, int status)
            throws Exception {
        iamFault = broker.iamServer.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(fault));

        Timed timed = timed(() -> broker.send("POST", "/v1/api-keys", List.of("Bearer " + broker.token()), "{}"));

        assertRetryLater(timed, status);
        assertThat(broker.iamCalls()).as("IAM attempts").isBetween(1, ClientBudget.LAMBDA.maxAttempts());
    }

    static Stream<Arguments> someFaults() {
        return faults().filter(fault -> List.of("Throttling", "503 ServiceUnavailable", "connection reset")
                .contains((String) fault.get()[0]));
    }

    @ParameterizedTest(name = "IAM {0} -> {2}")
    @MethodSource("someFaults")
    void revokeSessions_whenIamFails_answersRetryAfterWithinTheBudget(String name, ResponseDefinitionBuilder fault, int status)
            throws Exception {
        iamFault = broker.iamServer.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(fault));

        // Alice (the token's subject) was issued credentials in start(): the broker knows her.
        Timed timed = timed(() -> broker.send("POST", "/v1/admin/users/alice/revoke-sessions",
                List.of("Bearer " + broker.token()), null));

        assertRetryLater(timed, status);
    }

    @Test
    void credentials_whenStsIsTooSlow_gives503WithRetryAfterAtTheBudget() throws Exception {
        broker.sts.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(BrokerUnderTest.assumeRoleAnswer()
                .withFixedDelay((int) BUDGET.toMillis() * 2)));

        Timed timed = timed(() -> broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}"));

        assertRetryLater(timed, 503);
        assertThat(timed.elapsed()).isGreaterThanOrEqualTo(ClientBudget.LAMBDA.apiCallAttemptTimeout());
    }

    @Test
    void apiKeyCreate_whenIamIsTooSlow_gives503WithRetryAfterAtTheBudget() throws Exception {
        iamFault = broker.iamServer.stubFor(post(urlEqualTo("/")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) BUDGET.toMillis() * 2)));

        Timed timed = timed(() -> broker.send("POST", "/v1/api-keys", List.of("Bearer " + broker.token()), "{}"));

        assertRetryLater(timed, 503);
    }

    @Test
    void credentials_whenStsThrottlesOnceThenIssues_answers200WithinTheBudget() throws Exception {
        broker.sts.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("throttle once")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(BrokerUnderTest.awsError(400, "Throttling"))
                .willSetStateTo("recovered"));

        Timed timed = timed(() -> broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}"));

        assertThat(timed.answer().status()).as(timed.answer().body()).isEqualTo(200);
        assertThat(timed.elapsed()).isLessThanOrEqualTo(BUDGET.plus(OVERHEAD));
        assertThat(broker.sts.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isEqualTo(2);
    }

    record Timed(Answer answer, Duration elapsed) {}

    interface Send {
        Answer send() throws Exception;
    }

    static Timed timed(Send send) throws Exception {
        long start = System.nanoTime();
        Answer answer = send.send();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("FAULT answered %d in %d ms%n", answer.status(), elapsed.toMillis());
        return new Timed(answer, elapsed);
    }

    static void assertRetryLater(Timed timed, int status) throws Exception {
        Answer answer = timed.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(answer.header("retry-after"))).isBetween(1, 60);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).endsWith(status == 429 ? "/throttled" : "/upstream-unavailable");
        assertThat(answer.body()).doesNotContain("arn:aws", "Throttling happened", "InternalFailure", "ServiceUnavailable happened");
        assertThat(timed.elapsed()).as("answered within the budget of %s", BUDGET).isLessThanOrEqualTo(BUDGET.plus(OVERHEAD));
        assertThat(List.copyOf(logLines)).isNotEmpty().noneSatisfy(line -> assertThat(line)
                .containsAnyOf(BrokerUnderTest.SECRET_ACCESS_KEY, BrokerUnderTest.SESSION_TOKEN, "broker-own-secret", "eyJ"));
    }
}
