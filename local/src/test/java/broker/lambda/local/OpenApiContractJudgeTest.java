package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.http.Json;
import broker.lambda.http.OpenApiDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract test's judge must catch drift: otherwise a green contract test would prove nothing. */
class OpenApiContractJudgeTest {
    static final OpenApiContract CONTRACT = new OpenApiContract(OpenApiDocument.template(Json.mapper()));
    static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    static final Map<String, List<String>> PROBLEM = Map.of("content-type", List.of("application/problem+json"));
    static final String KEY = "{\"id\":\"ACCA1\",\"label\":\"laptop\",\"createdAt\":\"2026-11-25T12:00:00Z\","
            + "\"expiration\":\"2026-12-25T12:00:00Z\",\"status\":\"active\"}";

    @Test
    void violations_documentedAnswer_isEmpty() {
        assertThat(CONTRACT.violations("GET /v1/api-keys", 200, JSON, "{\"apiKeys\":[" + KEY + "],\"maxKeys\":2}")).isEmpty();
    }

    @Test
    void violations_undocumentedField_isReported() {
        String leaked = KEY.replace("}", ",\"secret\":\"ABSK...\"}");

        assertThat(CONTRACT.violations("GET /v1/api-keys", 200, JSON, "{\"apiKeys\":[" + leaked + "]}"))
                .singleElement().asString().contains("secret");
    }

    @Test
    void violations_missingRequiredFieldOrWrongType_isReported() {
        assertThat(CONTRACT.violations("GET /v1/api-keys", 200, JSON, "{\"apiKeys\":[{\"id\":1}]}")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void violations_badDateTime_isReported() {
        assertThat(CONTRACT.violations("GET /v1/api-keys", 200, JSON,
                "{\"apiKeys\":[" + KEY.replace("2026-12-25T12:00:00Z", "next month") + "]}")).isNotEmpty();
    }

    @Test
    void violations_undocumentedStatus_isReported() {
        assertThat(CONTRACT.violations("GET /v1/me", 409, PROBLEM, "{}")).singleElement().asString()
                .contains("409, which is not documented");
    }

    @Test
    void violations_problemTypeNotDocumentedForTheStatus_isReported() {
        String invalidAge = "{\"type\":\"https://bedrock-broker.dev/problems/invalid-age\",\"title\":\"Invalid key age\","
                + "\"status\":400,\"detail\":\"x\",\"instance\":\"r\"}";

        assertThat(CONTRACT.violations("POST /v1/api-keys", 400, PROBLEM, invalidAge)).isEmpty();
        assertThat(CONTRACT.violations("POST /v1/credentials", 400, PROBLEM, invalidAge)).isNotEmpty();
    }

    @Test
    void violations_missingRequiredHeader_isReported() {
        String throttled = "{\"type\":\"https://bedrock-broker.dev/problems/throttled\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"x\",\"instance\":\"r\"}";

        assertThat(CONTRACT.violations("GET /v1/api-keys", 429, PROBLEM, throttled)).singleElement().asString()
                .contains("Retry-After");
    }

    @Test
    void violations_wrongContentTypeOrUnknownRoute_isReported() {
        assertThat(CONTRACT.violations("GET /v1/me", 200, Map.of("Content-Type", List.of("text/html")), "<p>"))
                .singleElement().asString().contains("text/html");
        assertThat(CONTRACT.violations("GET /v1/nothing", 200, JSON, "{}")).singleElement().asString()
                .contains("not in the document");
    }

    @Test
    void violations_bodyOnNoContentAnswer_isReported() {
        assertThat(CONTRACT.violations("DELETE /v1/api-keys/{id}", 204, Map.of(), "{}")).isNotEmpty();
        assertThat(CONTRACT.violations("DELETE /v1/api-keys/{id}", 204, Map.of(), "")).isEmpty();
    }
}
