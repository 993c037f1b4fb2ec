package broker.lambda.core.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the readers of the entitlements and of a budget share: how a value is described and the unknown-field check. */
final class DocumentFields {
    private DocumentFields() {}

    /** A problem for each field of {@code node} not in {@code known}, naming the closest known one when one is close. */
    static void unknownFields(JsonNode node, String path, List<String> known, String owner,
                              List<EntitlementsProblem> problems) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                String suggestion = closest(name, known);
                problems.add(new EntitlementsProblem(JsonPaths.field(path, name), "Unknown field " + JsonPaths.quote(name)
                        + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)")
                        + ": " + owner + " takes " + String.join(", ", known.subList(0, known.size() - 1))
                        + " and " + known.get(known.size() - 1) + "."));
            }
        }
    }

    /** How a value is named in a problem: never more of the document than a short, quoted piece. */
    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            String digits = node.asText();
            return digits.length() > 20 ? "a " + digits.length() + "-digit number" : digits;
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        if (node.isTextual()) {
            return "the string " + JsonPaths.quote(node.textValue());
        }
        return node.isArray() ? "an array" : "an object";
    }

    /** The known name closest to a misspelt or cut-short one, or null when none is close. */
    private static String closest(String name, List<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() >= 3) {
            for (String candidate : known) {
                if (candidate.toLowerCase(Locale.ROOT).startsWith(lower)) {
                    return candidate;
                }
            }
        }
        String best = null;
        int bestDistance = 3; // at most 2 edits
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
