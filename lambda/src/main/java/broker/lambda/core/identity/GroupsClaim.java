package broker.lambda.core.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a groups claim as the API Gateway HTTP API JWT authorizer hands it over: every claim value is a
 * string there, and an array arrives as {@code [a b c]}. Issuers that put a JSON array into a string
 * ({@code ["a","b"]}) and single-group strings work too.
 *
 * <p>API Gateway's {@code [a b c]} form cannot tell a group name with a space from two groups; such names
 * come out split. Issuers whose group names hold spaces should send ids or slugs instead.
 */
final class GroupsClaim {
    static final int MAX_GROUPS = 100;
    static final int MAX_GROUP_LENGTH = 256;
    // 100 groups of 256 chars plus quotes and separators fit; anything longer is cut before parsing.
    static final int MAX_RAW_LENGTH = 64 * 1024;

    // Raw control characters inside strings are tolerated here and removed from each name afterwards.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private GroupsClaim() {}

    /** The groups in claim order, cleaned, without blanks, over-long names or duplicates; never throws. */
    static List<String> parse(String raw) {
        Groups groups = new Groups();
        if (raw == null) return groups.list();
        String text = ClaimText.truncate(raw, MAX_RAW_LENGTH).strip();
        if (!text.startsWith("[")) {
            groups.add(text);
            return groups.list();
        }
        String inner = text.endsWith("]") && text.length() >= 2
                ? text.substring(1, text.length() - 1)
                : text.substring(1);
        if (inner.stripLeading().startsWith("\"")) {
            // Clearly JSON: keep what parsed before any error (a cut or malformed tail).
            parseJson(text, groups);
            return groups.list();
        }
        Groups json = new Groups();
        if (parseJson(text, json)) return json.list();
        for (String token : inner.split("\\s+")) {
            if (groups.isFull()) break;
            groups.add(token);
        }
        return groups.list();
    }

    /** Adds the scalar elements of a JSON array to {@code groups}; false when the text is not one whole array. */
    private static boolean parseJson(String text, Groups groups) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) return false;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) return false;
                switch (token) {
                    case START_ARRAY, START_OBJECT -> parser.skipChildren();
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                            groups.add(parser.getText());
                    default -> { }
                }
                if (groups.isFull()) return true;
            }
            return parser.nextToken() == null;
        } catch (IOException e) {
            // Malformed JSON (a String source does no I/O).
            return false;
        }
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
