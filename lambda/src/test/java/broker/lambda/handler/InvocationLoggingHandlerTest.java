package broker.lambda.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.CloudFormationResponder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The custom resource end to end: CloudFormation's request in, Bedrock's control plane through the real SDK on
 * WireMock ({@code /logging/modelinvocations}), and the response PUT to the request's ResponseURL (WireMock too).
 */
class InvocationLoggingHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "/bedrock-broker/BedrockBroker/model-invocations";
    static final String ROLE = "arn:aws:iam::123456789012:role/BedrockBroker-InvocationLoggingRole";
    static final String LOGGING = "/logging/modelinvocations";

    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    InvocationLoggingHandler handler;

    @BeforeEach
    void setUp() {
        wire.stubFor(put(urlEqualTo("/cfn-response")).willReturn(aResponse().withStatus(200)));
        wire.stubFor(put(urlEqualTo(LOGGING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        wire.stubFor(delete(urlEqualTo(LOGGING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        handler = new InvocationLoggingHandler(broker.lambda.wiring.CredentialsWiring.invocationLoggingSetup(Map.of(
                "BROKER_REGION", "us-east-1", "BROKER_BEDROCK_ENDPOINT", wire.baseUrl()),
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
                new CloudFormationResponder());
    }

    @Test
    void create_withLoggingOff_putsTheMetadataOnlySettingAndAnswersSuccess() throws Exception {
        current("{}");

        handler.handleRequest(request("Create"), null);

        JsonNode sent = JSON.readTree(wire.findAll(putRequestedFor(urlEqualTo(LOGGING))).getFirst().getBodyAsString());
        JsonNode config = sent.get("loggingConfig");
        assertThat(config.get("cloudWatchConfig").get("logGroupName").asText()).isEqualTo(GROUP);
        assertThat(config.get("cloudWatchConfig").get("roleArn").asText()).isEqualTo(ROLE);
        for (String delivery : new String[] {"textDataDeliveryEnabled", "imageDataDeliveryEnabled",
                "embeddingDataDeliveryEnabled", "videoDataDeliveryEnabled", "audioDataDeliveryEnabled"}) {
            assertThat(config.get(delivery).asBoolean()).as(delivery).isFalse();
        }
        assertThat(config.has("s3Config")).isFalse();
        JsonNode response = response();
        assertThat(response.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(response.get("PhysicalResourceId").asText()).isEqualTo("BedrockModelInvocationLogging");
        assertThat(response.get("StackId").asText()).endsWith("stack/BedrockBroker/guid");
        assertThat(response.get("RequestId").asText()).isEqualTo("req-1");
        assertThat(response.get("LogicalResourceId").asText()).isEqualTo("UsageInvocationLogging");
    }

    @Test
    void create_withSomeoneElsesConfiguration_answersFailedAndWritesNothing() throws Exception {
        current("{\"loggingConfig\":{\"cloudWatchConfig\":{\"logGroupName\":\"/org/bedrock\",\"roleArn\":"
                + "\"arn:aws:iam::123456789012:role/org-logs\"},\"textDataDeliveryEnabled\":true}}");

        handler.handleRequest(request("Create"), null);

        assertThat(wire.findAll(putRequestedFor(urlEqualTo(LOGGING)))).isEmpty();
        JsonNode response = response();
        assertThat(response.get("Status").asText()).isEqualTo("FAILED");
        assertThat(response.get("Reason").asText()).contains("/org/bedrock").contains("does not replace it");
    }

    @Test
    void delete_ofItsOwnConfiguration_deletesItAndAnswersSuccess() throws Exception {
        current("{\"loggingConfig\":{\"cloudWatchConfig\":{\"logGroupName\":\"" + GROUP + "\",\"roleArn\":\"" + ROLE
                + "\"},\"textDataDeliveryEnabled\":false}}");

        handler.handleRequest(request("Delete"), null);

        assertThat(wire.findAll(deleteRequestedFor(urlEqualTo(LOGGING)))).hasSize(1);
        assertThat(response().get("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void delete_ofSomeoneElsesConfiguration_leavesItAndAnswersSuccess() throws Exception {
        current("{\"loggingConfig\":{\"s3Config\":{\"bucketName\":\"org-bedrock-logs\"}}}");

        handler.handleRequest(request("Delete"), null);

        assertThat(wire.findAll(deleteRequestedFor(urlEqualTo(LOGGING)))).isEmpty();
        assertThat(response().get("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void create_bedrockDeniesTheRead_answersFailedWithTheErrorCode() throws Exception {
        wire.stubFor(get(urlEqualTo(LOGGING)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"message\":\"User is not authorized to perform bedrock:GetModelInvocationLoggingConfiguration\"}")));

        handler.handleRequest(request("Create"), null);

        JsonNode response = response();
        assertThat(response.get("Status").asText()).isEqualTo("FAILED");
        assertThat(response.get("Reason").asText()).contains("AccessDeniedException").doesNotContain("not authorized");
    }

    @Test
    void handleRequest_responseUploadedWithAnEmptyContentType() {
        current("{}");

        handler.handleRequest(request("Create"), null);

        assertThat(wire.findAll(putRequestedFor(urlEqualTo("/cfn-response"))).getFirst().getHeader("Content-Type"))
                .isEmpty();
    }

    private void current(String body) {
        wire.stubFor(get(urlEqualTo(LOGGING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private JsonNode response() throws Exception {
        var sent = wire.findAll(putRequestedFor(urlEqualTo("/cfn-response")));
        assertThat(sent).hasSize(1);
        return JSON.readTree(sent.getFirst().getBodyAsString());
    }

    private Map<String, Object> request(String type) {
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put("ResponseURL", wire.baseUrl() + "/cfn-response");
        event.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/BedrockBroker/guid");
        event.put("RequestId", "req-1");
        event.put("ResourceType", "Custom::BedrockInvocationLogging");
        event.put("LogicalResourceId", "UsageInvocationLogging");
        event.put("ResourceProperties", Map.of("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:x",
                "LogGroupName", GROUP, "RoleArn", ROLE));
        if (!type.equals("Create")) event.put("PhysicalResourceId", "BedrockModelInvocationLogging");
        return event;
    }
}
