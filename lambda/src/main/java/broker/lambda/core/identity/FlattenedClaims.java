package broker.lambda.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JWT claims flattened the way API Gateway's JWT authorizer puts them into {@code requestContext.authorizer.jwt.claims}:
 * strings as they are, numbers and booleans as their JSON text, arrays as {@code [a b c]}, objects as compact JSON.
 * The local broker produces its claims with it, and {@link IdentityResolver} uses it to prove that a token payload
 * is the one the authorizer verified.
 */
public final class FlattenedClaims {
    private FlattenedClaims() {}

    /** Flattens every member of a JWT payload; the order of the payload is kept. */
    public static Map<String, String> flatten(JsonNode payload) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : payload.properties()) {
            claims.put(member.getKey(), flattenValue(member.getValue()));
        }
        return claims;
    }

    /** One claim value in API Gateway's flattened form. */
    public static String flattenValue(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) items.add(item.isContainerNode() ? item.toString() : item.asText());
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) return value.toString();
        return value.asText();
    }

    /** The values of a flattened claim that may hold one string or an array ({@code aud}): empty for null. */
    static List<String> values(String flattened) {
        if (flattened == null || flattened.isBlank()) return List.of();
        String text = flattened.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            String inner = text.substring(1, text.length() - 1).strip();
            return inner.isEmpty() ? List.of() : List.of(inner.split("\\s+"));
        }
        return List.of(text);
    }
}
