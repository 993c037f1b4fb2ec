package broker.lambda.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document as a judge of real answers: is this status documented for this route, with this content
 * type, are the required headers there, and does the body match the documented JSON Schema (2020-12, formats
 * asserted, {@code $ref}s into {@code #/components} resolved)?
 */
final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    OpenApiContract(JsonNode document) {
        this.document = document;
    }

    JsonNode document() {
        return document;
    }

    /** Every documented operation as a route key, e.g. {@code DELETE /v1/api-keys/{id}}. */
    Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                keys.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    /**
     * What is wrong with this answer to {@code routeKey}; empty when the document allows it.
     *
     * @param headers response header names (any case) to values
     */
    List<String> violations(String routeKey, int status, Map<String, List<String>> headers, String body) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) return List.of(routeKey + " is not in the document");
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) response = operation.path("responses").path("default");
        if (response.isMissingNode()) return List.of(routeKey + " answered " + status + ", which is not documented");
        response = resolve(response);

        List<String> violations = new ArrayList<>();
        response.path("headers").properties().forEach(header -> {
            if (header.getValue().path("required").asBoolean(false) && header(headers, header.getKey()) == null) {
                violations.add(routeKey + " " + status + " lacks the required header " + header.getKey());
            }
        });
        JsonNode content = response.path("content");
        String contentType = header(headers, "Content-Type");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) violations.add(routeKey + " " + status + " must have no body");
            return violations;
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            violations.add(routeKey + " " + status + " answered " + contentType + "; documented: " + names(content));
            return violations;
        }
        if (!mediaType.endsWith("json")) {
            if (body == null || body.isEmpty()) violations.add(routeKey + " " + status + " has an empty " + mediaType + " body");
            return violations;
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            violations.add(routeKey + " " + status + " body is not JSON: " + e.getOriginalMessage());
            return violations;
        }
        Schema schema = schemas.computeIfAbsent(routeKey + " " + status + " " + mediaType, key -> schema(media.path("schema")));
        schema.validate(instance).forEach(error -> violations.add(routeKey + " " + status + " body: " + error));
        return violations;
    }

    /** A schema of the document as a standalone 2020-12 schema: {@code #/components/...} references resolve in it. */
    private Schema schema(JsonNode node) {
        ObjectNode standalone = node.deepCopy();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("components", document.path("components"));
        return registry.getSchema(standalone);
    }

    /** Follows a {@code $ref} to {@code #/components/responses/...}. */
    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText("");
        if (!ref.startsWith("#/")) return response;
        return document.at(ref.substring(1));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
