package broker.lambda.authorizer;

import broker.lambda.core.identity.FlattenedClaims;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JWT claims flattened the way API Gateway's JWT authorizer puts them into {@code requestContext.authorizer.jwt.claims}:
 * strings as they are, numbers and booleans as their JSON text, arrays as {@code [a b c]}, objects as compact JSON.
 */
public final class ApiGatewayClaims {
    private ApiGatewayClaims() {}

    /** Flattens every member of a JWT payload; the order of the payload is kept. */
    public static Map<String, String> flatten(JsonNode payload) {
        return FlattenedClaims.flatten(payload);
    }

    public static String flattenValue(JsonNode value) {
        return FlattenedClaims.flattenValue(value);
    }

    /** The token's scopes: OAuth's space-separated {@code scope} string, or an {@code scp} array or string. */
    public static List<String> scopes(JsonNode payload) {
        JsonNode scope = payload.path("scope");
        if (scope.isTextual()) return words(scope.asText());
        JsonNode scp = payload.path("scp");
        if (scp.isTextual()) return words(scp.asText());
        if (scp.isArray()) {
            List<String> scopes = new ArrayList<>();
            for (JsonNode item : scp) if (item.isTextual()) scopes.add(item.asText());
            return scopes;
        }
        return List.of();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
