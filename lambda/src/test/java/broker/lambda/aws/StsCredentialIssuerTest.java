package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.issuance.AssumeRoleCommand;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

class StsCredentialIssuerTest {

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-user";
    private static final String REGION = "eu-west-1";
    private static final String BROKER_KEY_ID = "AKIDBROKEREXAMPLE";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"bedrock:InvokeModel\",\"bedrock:InvokeModelWithResponseStream\"],"
            + "\"Resource\":\"arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-x\"}]}";

    /**
     * Backoffs of a few milliseconds keep the retry tests fast; the timeouts stay generous because the first call
     * of a JVM loads much of the SDK, and a timed-out attempt would change the request counts asserted here.
     */
    private static final ClientBudget FAST = new ClientBudget(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(5), 3, Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20));
    /** Attempts that give up long before the stub answers. */
    private static final ClientBudget IMPATIENT = new ClientBudget(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofMillis(200), 3, Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20));

    private StsClient client;
    private StsCredentialIssuer issuer;

    @BeforeEach
    void setUp() {
        client = stsClient(URI.create(STS.baseUrl()), FAST);
        issuer = new StsCredentialIssuer(client, ROLE_ARN);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void assumeRole_whenStsIssuesCredentials_returnsAssumedWithThoseCredentials() {
        stubSuccess();

        StsOutcome outcome = issuer.assumeRole(command(Map.of("user", "alice")));

        assertThat(outcome).isEqualTo(new StsOutcome.Assumed(new SessionCredentials(
                "ASIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
                "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRq"
                        + "TflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VS"
                        + "XDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Y"
                        + "jc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
                Instant.parse("2019-11-09T13:34:41Z"))));
    }

    @Test
    void assumeRole_always_sendsEveryAssumeRoleParameterToSts() {
        stubSuccess();

        issuer.assumeRole(command(Map.of("user", "alice", "groups", "ml:platform", "cost-centre", "4711")));

        assertThat(formOf(onlyRequest())).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Action", "AssumeRole"),
                Map.entry("Version", "2011-06-15"),
                Map.entry("RoleArn", ROLE_ARN),
                Map.entry("RoleSessionName", "alice-example.com"),
                Map.entry("SourceIdentity", "alice@example.com"),
                Map.entry("Tags.member.1.Key", "cost-centre"),
                Map.entry("Tags.member.1.Value", "4711"),
                Map.entry("Tags.member.2.Key", "groups"),
                Map.entry("Tags.member.2.Value", "ml:platform"),
                Map.entry("Tags.member.3.Key", "user"),
                Map.entry("Tags.member.3.Value", "alice"),
                Map.entry("Policy", POLICY),
                Map.entry("DurationSeconds", "3600")));
    }

    @Test
    void assumeRole_withoutSessionTags_sendsNoTagParameters() {
        stubSuccess();

        issuer.assumeRole(command(Map.of()));

        assertThat(formOf(onlyRequest()).keySet()).noneMatch(name -> name.startsWith("Tags"));
    }

    @Test
    void assumeRole_always_signsTheRequestForStsInTheBrokerRegion() {
        stubSuccess();

        issuer.assumeRole(command(Map.of()));

        assertThat(onlyRequest().getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + BROKER_KEY_ID + "/")
                .contains("/" + REGION + "/sts/aws4_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException"})
    void assumeRole_whenStsKeepsThrottling_returnsThrottledAfterSdkRetries(String code) {
        STS.stubFor(post(urlEqualTo("/")).willReturn(stsError(400, code, "Rate exceeded")));

        StsOutcome outcome = issuer.assumeRole(command(Map.of()));

        assertThat(outcome).isEqualTo(new StsOutcome.Throttled(StsCredentialIssuer.THROTTLED_RETRY_AFTER));
        assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(FAST.maxAttempts());
    }

    @Test
    void assumeRole_whenThrottledOnceThenIssued_returnsAssumed() {
        STS.stubFor(post(urlEqualTo("/")).inScenario("throttle once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(stsError(400, "Throttling", "Rate exceeded")).willSetStateTo("throttled"));
        STS.stubFor(post(urlEqualTo("/")).inScenario("throttle once").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(resource("sts/assume-role-response.xml"))));

        StsOutcome outcome = issuer.assumeRole(command(Map.of()));

        assertThat(outcome).isInstanceOf(StsOutcome.Assumed.class);
        assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"500, InternalFailure", "503, ServiceUnavailable"})
    void assumeRole_whenStsAnswersServerError_returnsUnavailableAfterSdkRetries(int status, String code) {
        STS.stubFor(post(urlEqualTo("/")).willReturn(stsError(status, code, "Service is unavailable")));

        StsOutcome outcome = issuer.assumeRole(command(Map.of()));

        assertThat(outcome).isEqualTo(new StsOutcome.Unavailable(StsCredentialIssuer.UNAVAILABLE_RETRY_AFTER));
        assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(FAST.maxAttempts());
    }

    @ParameterizedTest
    @CsvSource({
            "403, AccessDenied, User: arn:aws:sts::123456789012:assumed-role/broker/fn is not authorized to perform: sts:AssumeRole",
            "400, PackedPolicyTooLarge, Serialized token too large for session",
            "403, RegionDisabledException, STS is not activated in this region for account:123456789012",
            "400, MalformedPolicyDocument, Syntax errors in policy.",
            "400, ExpiredToken, The security token included in the request is expired",
            "400, ValidationError, 1 validation error detected"})
    void assumeRole_whenStsRefuses_returnsRefusedWithTheErrorCodeWithoutRetrying(int status, String code,
                                                                                  String message) {
        STS.stubFor(post(urlEqualTo("/")).willReturn(stsError(status, code, message)));

        StsOutcome outcome = issuer.assumeRole(command(Map.of()));

        assertThat(outcome).isEqualTo(new StsOutcome.Refused(code));
        assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    void assumeRole_whenEveryAttemptTimesOut_returnsUnavailable() {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody(resource("sts/assume-role-response.xml"))
                .withFixedDelay((int) IMPATIENT.apiCallAttemptTimeout().multipliedBy(5).toMillis())));
        try (StsClient impatient = stsClient(URI.create(STS.baseUrl()), IMPATIENT)) {

            StsOutcome outcome = new StsCredentialIssuer(impatient, ROLE_ARN).assumeRole(command(Map.of()));

            assertThat(outcome).isEqualTo(new StsOutcome.Unavailable(StsCredentialIssuer.UNAVAILABLE_RETRY_AFTER));
            assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(IMPATIENT.maxAttempts());
        }
    }

    @Test
    void assumeRole_whenTheWholeCallBudgetRunsOut_returnsUnavailable() {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody(resource("sts/assume-role-response.xml"))
                .withFixedDelay(2_000)));
        ClientBudget shortCall = new ClientBudget(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(300), Duration.ofMillis(300), 3, Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(20));
        try (StsClient client = stsClient(URI.create(STS.baseUrl()), shortCall)) {

            StsOutcome outcome = new StsCredentialIssuer(client, ROLE_ARN).assumeRole(command(Map.of()));

            assertThat(outcome).isEqualTo(new StsOutcome.Unavailable(StsCredentialIssuer.UNAVAILABLE_RETRY_AFTER));
        }
    }

    @Test
    void assumeRole_whenConnectionIsReset_returnsUnavailable() {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        StsOutcome outcome = issuer.assumeRole(command(Map.of()));

        assertThat(outcome).isEqualTo(new StsOutcome.Unavailable(StsCredentialIssuer.UNAVAILABLE_RETRY_AFTER));
        assertThat(STS.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(FAST.maxAttempts());
    }

    @Test
    void assumeRole_whenNothingListens_returnsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (StsClient unreachable = stsClient(URI.create("http://127.0.0.1:" + closedPort), FAST)) {

            StsOutcome outcome = new StsCredentialIssuer(unreachable, ROLE_ARN).assumeRole(command(Map.of()));

            assertThat(outcome).isEqualTo(new StsOutcome.Unavailable(StsCredentialIssuer.UNAVAILABLE_RETRY_AFTER));
        }
    }

    private static StsClient stsClient(URI endpoint, ClientBudget budget) {
        return AwsClients.client(StsClient.builder(), AwsClients.Connection.of(REGION, endpoint, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(BROKER_KEY_ID, "broker-secret-example"))).withBudget(budget));
    }

    private static AssumeRoleCommand command(Map<String, String> tags) {
        return new AssumeRoleCommand(new StsSessionIdentity("alice-example.com", "alice@example.com", tags),
                POLICY, Duration.ofHours(1));
    }

    private static void stubSuccess() {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7")
                .withBody(resource("sts/assume-role-response.xml"))));
    }

    /** An error as STS's query protocol sends it. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stsError(int status, String code,
                                                                                             String message) {
        String type = status >= 500 ? "Receiver" : "Sender";
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "1a2b3c4d-5e6f-11e0-8154-cbc7ccf896c7")
                .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                        + "  <Error>\n"
                        + "    <Type>" + type + "</Type>\n"
                        + "    <Code>" + code + "</Code>\n"
                        + "    <Message>" + message + "</Message>\n"
                        + "  </Error>\n"
                        + "  <RequestId>1a2b3c4d-5e6f-11e0-8154-cbc7ccf896c7</RequestId>\n"
                        + "</ErrorResponse>\n");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = STS.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    /** The {@code application/x-www-form-urlencoded} body, decoded; fails on a repeated parameter. */
    private static Map<String, String> formOf(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            assertThat(form.put(name, value)).as("parameter %s sent once", name).isNull();
        }
        return form;
    }

    private static String resource(String name) {
        try (InputStream in = StsCredentialIssuerTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
