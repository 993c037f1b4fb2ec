package broker.lambda.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a session policy back into plain values for assertions. */
final class PolicyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One statement, with string-or-array fields read as lists.
     *
     * @param effect    "Allow" or "Deny"
     * @param actions   the actions
     * @param resources the resources
     * @param condition operator → key → values; empty when there is no condition
     */
    record Statement(String effect, List<String> actions, List<String> resources,
                     Map<String, Map<String, List<String>>> condition) {}

    private PolicyJson() {}

    static JsonNode tree(String policy) {
        try {
            return MAPPER.readTree(policy);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + policy, e);
        }
    }

    static List<Statement> statements(String policy) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : tree(policy).get("Statement")) {
            Map<String, Map<String, List<String>>> condition = new LinkedHashMap<>();
            if (node.has("Condition")) {
                node.get("Condition").properties().forEach(operator -> {
                    Map<String, List<String>> keys = new LinkedHashMap<>();
                    operator.getValue().properties().forEach(key -> keys.put(key.getKey(), list(key.getValue())));
                    condition.put(operator.getKey(), keys);
                });
            }
            statements.add(new Statement(node.get("Effect").asText(), list(node.get("Action")),
                    list(node.get("Resource")), condition));
        }
        return statements;
    }

    /** Every (action, resource) pair that some statement allows. */
    static List<String> allowedPairs(String policy) {
        List<String> pairs = new ArrayList<>();
        for (Statement statement : statements(policy)) {
            for (String action : statement.actions()) {
                for (String resource : statement.resources()) {
                    pairs.add(action + " " + resource);
                }
            }
        }
        return pairs;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
