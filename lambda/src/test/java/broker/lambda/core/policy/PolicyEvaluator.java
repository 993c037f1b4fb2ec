package broker.lambda.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM's evaluation of the policies this broker writes, and nothing more: Allow statements of Action, Resource and a
 * Condition of {@code StringEquals}, {@code StringLike} or {@code ArnLike} operators (several operators, keys and values
 * as IAM combines them: every operator and key must hold, any one value of a key). Anything else in a policy (Deny,
 * NotAction, another operator) fails the evaluation loudly instead of being misread. Wildcards follow IAM: {@code *}
 * any run of characters, {@code ?} one; an ARN pattern is matched field by field (six colon-separated fields, the
 * last one taking the rest).
 */
public final class PolicyEvaluator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> STATEMENT_FIELDS = Set.of("Effect", "Action", "Resource", "Condition");

    /**
     * One authorization request, as Bedrock makes it.
     *
     * @param action          e.g. {@code bedrock:InvokeModel}
     * @param resource        the ARN acted on
     * @param context         the request's condition keys (aws:RequestedRegion, bedrock:InferenceProfileArn); a key
     *                        missing here is absent from the request
     */
    public record Request(String action, String resource, Map<String, String> context) {}

    private final List<Statement> statements;

    private PolicyEvaluator(List<Statement> statements) {
        this.statements = statements;
    }

    /** Reads a policy; throws AssertionError for anything outside the shape this evaluator understands. */
    public static PolicyEvaluator of(String policy) {
        JsonNode root;
        try {
            root = MAPPER.readTree(policy);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + policy, e);
        }
        if (!"2012-10-17".equals(root.path("Version").asText())) throw new AssertionError("no Version 2012-10-17");
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : root.get("Statement")) {
            node.fieldNames().forEachRemaining(field -> {
                if (!STATEMENT_FIELDS.contains(field)) throw new AssertionError("unsupported statement field " + field);
            });
            if (!"Allow".equals(node.path("Effect").asText())) throw new AssertionError("not an Allow statement: " + node);
            List<Condition> conditions = new ArrayList<>();
            if (node.has("Condition")) {
                node.get("Condition").properties().forEach(operator -> {
                    if (!Set.of("StringEquals", "StringLike", "ArnLike").contains(operator.getKey())) {
                        throw new AssertionError("unsupported condition operator " + operator.getKey());
                    }
                    operator.getValue().properties().forEach(key ->
                            conditions.add(new Condition(operator.getKey(), key.getKey(), list(key.getValue()))));
                });
            }
            statements.add(new Statement(list(node.get("Action")), list(node.get("Resource")), conditions));
        }
        return new PolicyEvaluator(List.copyOf(statements));
    }

    /** True when some statement allows the request (there are no Deny statements to override it). */
    public boolean allows(Request request) {
        return statements.stream().anyMatch(statement -> statement.allows(request));
    }

    /** True when both policies allow the request: a session policy and the role's own policy together. */
    public static boolean allowsBoth(PolicyEvaluator session, PolicyEvaluator role, Request request) {
        return session.allows(request) && role.allows(request);
    }

    private record Statement(List<String> actions, List<String> resources, List<Condition> conditions) {
        boolean allows(Request request) {
            return actions.stream().anyMatch(action -> Glob.matches(action.toLowerCase(), request.action().toLowerCase()))
                    && resources.stream().anyMatch(resource -> arnMatches(resource, request.resource()))
                    && conditions.stream().allMatch(condition -> condition.holds(request.context()));
        }
    }

    private record Condition(String operator, String key, List<String> values) {
        boolean holds(Map<String, String> context) {
            String actual = context.get(key);
            if (actual == null) return false; // a positive operator on a missing key never matches
            return values.stream().anyMatch(value -> switch (operator) {
                case "StringEquals" -> value.equals(actual);
                case "StringLike" -> Glob.matches(value, actual);
                case "ArnLike" -> arnMatches(value, actual);
                default -> throw new AssertionError(operator);
            });
        }
    }

    /** IAM's ARN match: {@code *} alone matches everything; otherwise each of the six fields by its own wildcard. */
    static boolean arnMatches(String pattern, String arn) {
        if (pattern.equals("*")) return true;
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6 || arnParts.length != 6) return false;
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(patternParts[i], arnParts[i])) return false;
        }
        return true;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(value -> values.add(value.asText()));
        else values.add(node.asText());
        return values;
    }
}
