package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * Bedrock's control-plane REST-JSON API as WireMock stubs: {@code GET /foundation-models} and
 * {@code GET /inference-profiles?type=…&nextToken=…}, with the response bodies of the API reference (under
 * {@code src/test/resources/bedrock/}). Requests are told apart by region through their SigV4 credential scope.
 */
final class BedrockWire {
    static final String BROKER_KEY_ID = "AKIDBROKEREXAMPLE";
    static final String NEXT_TOKEN = "c3lzdGVtLXBhZ2UtMg==";

    /** Millisecond backoffs keep retry tests fast; timeouts stay generous for the first SDK call of a JVM. */
    static final ClientBudget FAST = new ClientBudget(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(5), 3, Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20));

    private BedrockWire() {}

    static BedrockClient client(String region, URI endpoint) {
        return AwsClients.client(BedrockClient.builder(), AwsClients.Connection.of(region, endpoint, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(BROKER_KEY_ID, "broker-secret-example"))).withBudget(FAST));
    }

    /** Every call of a full catalog read in {@code region}, answered with the reference bodies. */
    static void stubCatalog(WireMockExtension server, String region) {
        server.stubFor(inRegion(foundationModels(), region).willReturn(json("bedrock/list-foundation-models.json")));
        server.stubFor(inRegion(profiles("SYSTEM_DEFINED").withQueryParam("nextToken", absent()), region)
                .willReturn(json("bedrock/list-inference-profiles-system-1.json")));
        server.stubFor(inRegion(profiles("SYSTEM_DEFINED").withQueryParam("nextToken", equalTo(NEXT_TOKEN)), region)
                .willReturn(json("bedrock/list-inference-profiles-system-2.json")));
        server.stubFor(inRegion(profiles("APPLICATION"), region)
                .willReturn(json("bedrock/list-inference-profiles-application.json")));
    }

    static MappingBuilder foundationModels() {
        return get(urlPathEqualTo("/foundation-models"));
    }

    static MappingBuilder profiles(String type) {
        return get(urlPathEqualTo("/inference-profiles")).withQueryParam("type", equalTo(type));
    }

    /** Matches only requests signed for Bedrock in this region. */
    static MappingBuilder inRegion(MappingBuilder mapping, String region) {
        return mapping.withHeader("Authorization", containing("/" + region + "/bedrock/aws4_request"));
    }

    static ResponseDefinitionBuilder json(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "5d1c2a3b-1111-4c2d-9e8f-0a1b2c3d4e5f").withBody(resource(resource));
    }

    /** An error as Bedrock's REST-JSON protocol sends it: the type in {@code x-amzn-ErrorType}, a message body. */
    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withHeader("x-amzn-RequestId", "6e2d3b4c-2222-4d3e-8f9a-1b2c3d4e5f6a")
                .withBody("{\"message\":\"" + message + "\"}");
    }

    static String resource(String name) {
        try (InputStream in = BedrockWire.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
