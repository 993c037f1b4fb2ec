package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;

/** The IAM Query protocol on WireMock: requests matched by {@code Action}, answers as IAM sends them. */
public final class IamWire {
    public static final String BROKER_KEY_ID = "AKIDBROKEREXAMPLE";
    /** Backoffs of a few milliseconds keep retry tests fast; generous timeouts keep request counts exact. */
    public static final ClientBudget FAST = new ClientBudget(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(5), 3, Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20));

    private IamWire() {
    }

    public static IamClient client(String baseUrl) {
        return AwsClients.client(IamClient.builder(), AwsClients.Connection.of("us-east-1", URI.create(baseUrl), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(BROKER_KEY_ID, "broker-secret-example"))).withBudget(FAST));
    }

    /** A stub for one IAM action. */
    public static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
    }

    /** What was sent for one IAM action. */
    public static RequestPatternBuilder sent(String action) {
        return postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo(action));
    }

    /** A 200 answer with the body of {@code iam/<file>}. */
    public static ResponseDefinitionBuilder ok(String file) {
        return xml(200, resource("iam/" + file));
    }

    public static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
                .withBody(body);
    }

    /** An error as IAM's query protocol sends it. */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return xml(status, errorBody(status, code, message));
    }

    public static String errorBody(int status, String code, String message) {
        return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
                + "  <Error>\n"
                + "    <Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type>\n"
                + "    <Code>" + code + "</Code>\n"
                + "    <Message>" + message + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>4c43d1f8-2c62-11e0-9c1b-EXAMPLE</RequestId>\n"
                + "</ErrorResponse>\n";
    }

    /** The {@code application/x-www-form-urlencoded} body, decoded; fails on a repeated parameter. */
    public static Map<String, String> formOf(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        return form(request.getBodyAsString());
    }

    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            assertThat(form.put(name, value)).as("parameter %s sent once", name).isNull();
        }
        return form;
    }

    public static String resource(String name) {
        try (InputStream in = IamWire.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
