package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenApiDocumentTest {
    static final ObjectMapper JSON = Json.mapper();
    static final JsonNode DOCUMENT = OpenApiDocument.template(JSON);

    @ParameterizedTest
    @EnumSource(ProblemType.class)
    void template_everyProblemType_hasASchemaWithItsTypeTitleAndStatus(ProblemType type) {
        JsonNode schemas = DOCUMENT.path("components").path("schemas");
        List<JsonNode> matching = new ArrayList<>();
        schemas.forEach(schema -> {
            if (schema.path("properties").path("type").path("const").asText().equals(type.uri())) matching.add(schema);
        });

        assertThat(matching).singleElement().satisfies(schema -> {
            assertThat(schema.path("properties").path("title").path("const").asText()).isEqualTo(type.title());
            assertThat(schema.path("properties").path("status").path("const").asInt()).isEqualTo(type.status());
            assertThat(schema.path("description").asText()).isNotBlank();
        });
        assertThat(schemas.path("Problem").path("properties").path("type").path("enum"))
                .anySatisfy(uri -> assertThat(uri.asText()).isEqualTo(type.uri()));
    }

    @Test
    void template_problemEnum_listsNoTypeTheBrokerDoesNotHave() {
        List<String> uris = new ArrayList<>();
        DOCUMENT.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum")
                .forEach(uri -> uris.add(uri.asText()));

        assertThat(uris).containsExactlyInAnyOrder(java.util.Arrays.stream(ProblemType.values()).map(ProblemType::uri)
                .toArray(String[]::new));
    }

    @Test
    void template_isOpenApi31WithBearerJwtAndOidcSecurity() {
        assertThat(DOCUMENT.path("openapi").asText()).isEqualTo("3.1.0");
        JsonNode schemes = DOCUMENT.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerJwt").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearerJwt").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("bearerJwt").path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(schemes.path("oidc").path("type").asText()).isEqualTo("openIdConnect");
        assertThat(DOCUMENT.path("security").toString()).contains("bearerJwt", "oidc");
    }

    @Test
    void template_everyOperationHasAnIdAndASuccessAnswer_andPublicOnesNeedNoToken() {
        List<String> operationIds = new ArrayList<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getKey().equals("parameters")) return;
            operationIds.add(operation.getValue().path("operationId").asText());
            assertThat(operation.getValue().path("responses").propertyStream().map(e -> e.getKey()))
                    .as(path.getKey()).anyMatch(status -> status.startsWith("2"));
            boolean open = path.getKey().equals("/v1/client-config") || path.getKey().equals("/v1/openapi.json")
                    || path.getKey().startsWith("/portal");
            assertThat(operation.getValue().path("security").isArray() && operation.getValue().path("security").isEmpty())
                    .as(path.getKey() + " needs no token").isEqualTo(open);
        }));
        assertThat(operationIds).doesNotContain("").doesNotHaveDuplicates();
    }

    @Test
    void render_fillsInTheIssuersDiscoveryUrl() throws Exception {
        JsonNode rendered = JSON.readTree(OpenApiDocument.render(JSON, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab/"));

        assertThat(rendered.path("components").path("securitySchemes").path("oidc").path("openIdConnectUrl").asText())
                .isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab/.well-known/openid-configuration");
        assertThat(rendered.path("paths").size()).isEqualTo(DOCUMENT.path("paths").size());
    }
}
