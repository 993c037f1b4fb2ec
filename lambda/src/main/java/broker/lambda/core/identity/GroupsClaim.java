package broker.lambda.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a groups claim, either exactly from the verified token's JSON payload, or as the API Gateway HTTP API JWT
 * authorizer hands it over: every claim value is a string there, and an array arrives as {@code [a b c]}.
 *
 * <p>The flattened form loses information: {@code [x broker-admins]} is either two groups or one group named
 * {@code x broker-admins}, and {@code ["a","broker-admins"]} either a JSON text in a string claim or one group
 * named {@code "a","broker-admins"}. Group names that the entitlements may name are therefore slugs or ids: no
 * white space, {@code [}, {@code ]}, {@code "} or {@code ,} (the validator refuses others). A flattened claim
 * holding any of those characters inside a name, or a {@code [} without its {@code ]}, is ambiguous: it yields
 * no groups and a note for the audit line, never a guess. When the token itself is at hand its JSON array is
 * read instead, and a name with a space stays one name.
 */
final class GroupsClaim {
    static final int MAX_GROUPS = 100;
    static final int MAX_GROUP_LENGTH = 256;
    // 100 groups of 256 chars plus separators fit; anything longer is cut before parsing.
    static final int MAX_RAW_LENGTH = 64 * 1024;
    /** Characters that separate or quote names in flattened or JSON forms, so never part of a matchable name. */
    static final String SEPARATORS = "[]\",";

    /**
     * The groups read from a claim.
     *
     * @param groups  in claim order, cleaned, without blanks, over-long names or duplicates
     * @param problem why the claim was ignored (for the audit line's {@code cause}), or null
     */
    record Reading(List<String> groups, String problem) {
        Reading {
            groups = List.copyOf(groups);
        }

        static Reading of(List<String> groups) {
            return new Reading(groups, null);
        }

        static Reading ambiguous(String why) {
            return new Reading(List.of(), "groups claim ignored: " + why);
        }
    }

    private GroupsClaim() {}

    /** The groups of a flattened claim value ({@code null}: none); never throws. */
    static Reading parse(String raw) {
        if (raw == null) return Reading.of(List.of());
        String text = ClaimText.truncate(raw, MAX_RAW_LENGTH).strip();
        Groups groups = new Groups();
        if (!text.startsWith("[")) {
            // A string claim: one group, whatever it holds (a name with separators matches no profile).
            groups.add(text);
            return Reading.of(groups.list());
        }
        if (!text.endsWith("]") || text.length() < 2) {
            return Reading.ambiguous("a flattened array without its closing ']' (cut, or not an array)");
        }
        String inner = text.substring(1, text.length() - 1);
        for (String token : inner.strip().split("\\s+")) {
            if (token.isEmpty()) continue;
            if (token.chars().anyMatch(c -> SEPARATORS.indexOf(c) >= 0)) {
                return Reading.ambiguous("a flattened array whose names hold [ ] \" or , "
                        + "(a JSON text, a nested array or an injected name); send group slugs or ids");
            }
            if (groups.isFull()) break;
            groups.add(token);
        }
        return Reading.of(groups.list());
    }

    /**
     * The groups of the claim as it is in the token's JSON payload ({@code null} or missing: none): an array's
     * scalar elements as their text (nested values skipped), or a string as one group; never throws.
     */
    static Reading read(JsonNode value) {
        Groups groups = new Groups();
        if (value == null || value.isMissingNode() || value.isNull()) return Reading.of(List.of());
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (groups.isFull()) break;
                if (item.isValueNode() && !item.isNull()) groups.add(item.asText());
            }
            return Reading.of(groups.list());
        }
        if (value.isValueNode()) groups.add(value.asText());
        return Reading.of(groups.list());
    }

    private static final class Groups {
        private final Set<String> names = new LinkedHashSet<>();

        void add(String candidate) {
            if (isFull()) return;
            String name = ClaimText.cleanOrNullIfLonger(candidate, MAX_GROUP_LENGTH);
            if (name != null && !name.isEmpty()) names.add(name);
        }

        boolean isFull() {
            return names.size() >= MAX_GROUPS;
        }

        List<String> list() {
            return List.copyOf(names);
        }
    }
}
