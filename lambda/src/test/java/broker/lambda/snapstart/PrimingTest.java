package broker.lambda.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.JsonLogCapture;
import broker.lambda.testing.StdoutCapture;
import broker.lambda.wiring.ApiKeysWiringTest;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * SnapStart priming of the credentials function leaves nothing an operator could take for a real issuance; the keys
 * jar's functions, usage ingestion included, prime in-process.
 */
class PrimingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
             "regions":["us-east-1"],"shortTermKeys":true}}}""";

    @TempDir
    Path dir;

    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");
    final List<String> lines = logs.lines();
    /** What EMF's console sink would print, as it does in Lambda. */
    @RegisterExtension
    final StdoutCapture stdout = new StdoutCapture();
    private Environments originalEmfEnvironment;

    /** EMF's console sink, as in Lambda: off AWS, EMF would send to an agent over TCP and never print, so that "nothing
     * on stdout" would hold whatever priming did with its metrics. */
    @BeforeEach
    void emfOnTheConsole() {
        originalEmfEnvironment = EnvironmentConfigurationProvider.getConfig().getEnvironmentOverride();
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
    }

    @AfterEach
    void restoreEmf() {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(originalEmfEnvironment);
    }

    @Test
    void prime_throughTheRealIssuerAndAuditLog_writesMarkedPrimingLinesAndNoAuditLine() throws Exception {
        List<Integer> statuses = CredentialsPriming.credentials(config()).run();

        assertThat(statuses).containsExactly(200, 200, 200, 200);
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) nodes.add(JSON.readTree(line));
        assertThat(nodes).noneMatch(node -> node.path("audit").asBoolean());
        List<JsonNode> primingLines = nodes.stream().filter(node -> node.has("action")).toList();
        assertThat(primingLines).extracting(node -> node.get("action").asText() + ":" + node.get("outcome").asText())
                .containsExactly("credentials:issued", "bearer-token:issued");
        assertThat(primingLines).allSatisfy(node -> {
            assertThat(node.get("priming").asBoolean()).isTrue();
            assertThat(node.get("audit").asBoolean()).isFalse();
            assertThat(node.get("message").asText()).startsWith("SnapStart priming, not a real request");
            assertThat(node.get("function_request_id").asText()).isEqualTo("snapstart-priming");
            assertThat(node.get("accessKeyId").asText()).isEqualTo("ASIAPRIMINGPRIMING00");
        });
    }

    @Test
    void prime_metrics_areDroppedNotPrinted() throws Exception {
        CredentialsPriming.credentials(config()).run();

        assertThat(stdout.text()).doesNotContain("_aws").doesNotContain("Issued");
    }

    @Test
    void primeApiKeysAndAdmin_throughTheRealIamAdapter_writeOnlyPrimingLines() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, ApiKeysWiringTest.ENTITLEMENTS);
        BrokerConfig config = BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN",
                "arn:aws:iam::123456789012:role/bedrock-users", "AWS_REGION", "eu-central-1",
                "BROKER_ENTITLEMENTS_FILE", file.toString(), "BROKER_ISSUER", "https://idp.example.com",
                "BROKER_CLIENT_ID", "cli", "BROKER_PERMISSIONS_BOUNDARY_ARN", ApiKeysWiringTest.BOUNDARY));

        assertThat(KeysPriming.apiKeys(config).run()).containsExactly(201, 200, 404);
        assertThat(KeysPriming.admin(config).run()).containsExactly(200, 404, 200, 200);
        List<JsonNode> actions = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.has("action")) actions.add(node);
        }
        assertThat(actions).extracting(node -> node.get("action").asText() + ":" + node.get("outcome").asText())
                .contains("api-key-create:issued", "admin-revoke-sessions:revoked");
        assertThat(actions).allSatisfy(node -> {
            assertThat(node.get("audit").asBoolean()).isFalse();
            assertThat(node.get("priming").asBoolean()).isTrue();
        });
        assertThat(stdout.text()).doesNotContain("_aws");
    }

    @Test
    void primeUsage_throughTheRealDynamoDbLedger_answersBothRoutesAndWritesNoAuditLine() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, ApiKeysWiringTest.ENTITLEMENTS);
        BrokerConfig config = BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN",
                "arn:aws:iam::123456789012:role/bedrock-users", "AWS_REGION", "eu-central-1",
                "BROKER_ENTITLEMENTS_FILE", file.toString(), "BROKER_ISSUER", "https://idp.example.com",
                "BROKER_CLIENT_ID", "cli"));

        assertThat(KeysPriming.usage(config).run()).containsExactly(200, 200);
        for (String line : lines) assertThat(JSON.readTree(line).path("audit").asBoolean()).isFalse();
        assertThat(stdout.text()).doesNotContain("_aws");
    }

    @Test
    void primeUsageIngest_throughTheHandlersDecodingAndTheRealLedger_countsInProcessAndSendsNothingOut() throws Exception {
        // What the function's real clients would call: IAM and DynamoDB endpoints, a WireMock that answers everything.
        var wire = new com.github.tomakehurst.wiremock.WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration
                .wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        try {
            wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson("{}")));
            Path file = dir.resolve("keys.json");
            Files.writeString(file, ApiKeysWiringTest.ENTITLEMENTS);
            Map<String, String> env = Map.of("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/bedrock-users",
                    "AWS_REGION", "eu-central-1", "BROKER_ENTITLEMENTS_FILE", file.toString(),
                    "BROKER_ISSUER", "https://idp.example.com", "BROKER_CLIENT_ID", "cli",
                    "BROKER_IAM_ENDPOINT", wire.baseUrl(), "BROKER_DYNAMODB_ENDPOINT", wire.baseUrl(),
                    "BROKER_USAGE_TABLE", "broker-state-real");
            List<Map<String, Object>> handled = new ArrayList<>();

            List<Integer> outcomes = KeysPriming.usageIngest(BrokerConfig.fromEnvironment(env), env, ingestion -> event -> {
                handled.add(event);
                return new broker.lambda.handler.UsageIngestHandler(ingestion).handleRequest(event, null);
            }).run();

            assertThat(outcomes).containsExactly(200);
            assertThat(handled).singleElement().satisfies(event -> assertThat(event).containsOnlyKeys("awslogs"));
            assertThat(wire.getAllServeEvents()).as("requests outside the process").isEmpty();
        } finally {
            wire.stop();
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) nodes.add(JSON.readTree(line));
        // The whole path ran: decoded, parsed, claims read, attributed (no session, no key user: unattributed), priced,
        // written in one in-process transaction.
        assertThat(nodes).filteredOn(node -> node.path("message").asText().contains("usage batch"))
                .singleElement().satisfies(batch -> {
                    assertThat(batch.get("message").asText()).startsWith("SnapStart priming, not a real request: ");
                    assertThat(batch.get("priming").asBoolean()).isTrue();
                    assertThat(batch.get("received").asInt()).isEqualTo(3);
                    assertThat(batch.get("counted").asInt()).isEqualTo(3);
                    assertThat(batch.get("skipped").asInt()).isZero();
                    assertThat(batch.get("unattributed").asInt()).isEqualTo(3);
                    assertThat(batch.get("ledgerWrites").asInt()).isPositive();
                    assertThat(batch.get("costMicroUsd").asLong()).isPositive();
                });
        // The dashboard's top spenders match the charged message exactly: priming's charged line never matches it.
        assertThat(nodes).noneMatch(node -> node.path("message").asText()
                .equals(broker.lambda.observability.UsageIngestionLog.CHARGED_MESSAGE));
        assertThat(nodes).noneMatch(node -> node.path("audit").asBoolean());
        assertThat(stdout.text()).doesNotContain("_aws");
    }

    @Test
    void primingPlanOfEvents_aFunctionThatThrows_is500AndFailsNoSnapshot() {
        List<Integer> outcomes = PrimingPlan.ofEvents(event -> {
            if (event.equals("bad")) throw new IllegalStateException("usage ledger unavailable");
            return "counted";
        }, List.of("good", "bad"), () -> { }).run();

        assertThat(outcomes).containsExactly(200, 500);
    }

    @Test
    void primingHttpClient_unknownJsonTarget_answersAnErrorNotAnEmptyTable() {
        var dynamo = broker.lambda.aws.AwsClients.client(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), broker.lambda.aws.AwsClients.Connection.inProcess(
                "eu-central-1", PrimingAnswers.CREDENTIALS, new PrimingHttpClient(PrimingAnswers.dynamoDb())));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dynamo.deleteTable(r -> r.tableName("t")))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class);
        assertThat(dynamo.query(r -> r.tableName("t").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS("x")))).items()).isEmpty();
    }

    BrokerConfig config() throws Exception {
        Path file = dir.resolve("entitlements.json");
        Files.writeString(file, ENTITLEMENTS);
        return BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/bedrock-users",
                "AWS_REGION", "eu-central-1", "BROKER_ENTITLEMENTS_FILE", file.toString(),
                "BROKER_ISSUER", "https://idp.example.com", "BROKER_CLIENT_ID", "cli"));
    }
}
