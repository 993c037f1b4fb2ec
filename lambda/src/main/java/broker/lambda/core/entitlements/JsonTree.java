package broker.lambda.core.entitlements;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads JSON text into a tree with Jackson's strict defaults (no comments, no trailing commas, no NaN, no
 * single quotes), reporting a repeated field name as a problem instead of keeping either value silently,
 * and content after the document as a problem instead of ignoring it.
 */
final class JsonTree {
    // Valid documents nest 4 deep; the limit keeps hostile input from costing stack or memory.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(100_000)
                    .maxNumberLength(100)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {}

    /** The tree, or null when the text is not JSON; every problem found goes to {@code problems}. */
    static JsonNode read(String text, List<EntitlementsProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new EntitlementsProblem(JsonPaths.ROOT,
                    "The document is empty: it must be a JSON object such as {\"version\": 1, \"groups\": {…}}."));
            return null;
        }
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(text);
            parser.nextToken();
            JsonNode root = value(parser, JsonPaths.ROOT, problems);
            if (parser.nextToken() != null) {
                problems.add(new EntitlementsProblem(JsonPaths.ROOT,
                        "The document continues after its end at " + where(parser.currentTokenLocation())
                                + ": a file holds exactly one JSON object."));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(new EntitlementsProblem(path(parser), "The document is not valid JSON"
                    + (e.getLocation() == null ? "" : " at " + where(e.getLocation()))
                    + ": " + oneLine(e.getOriginalMessage()) + "."));
            return null;
        } catch (IOException e) {
            problems.add(new EntitlementsProblem(JsonPaths.ROOT, "The document cannot be read: " + oneLine(e.getMessage()) + "."));
            return null;
        } finally {
            close(parser);
        }
    }

    private static JsonNode value(JsonParser parser, String path, List<EntitlementsProblem> problems) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonEOFException(parser, null, "Unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> object(parser, path, problems);
            case START_ARRAY -> array(parser, path, problems);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? NODES.numberNode(parser.getIntValue())
                    : NODES.numberNode(parser.getBigIntegerValue());
            // Exact (budgets in USD take decimals); the length is bounded by maxNumberLength.
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private static ObjectNode object(JsonParser parser, String path, List<EntitlementsProblem> problems) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String fieldPath = JsonPaths.field(path, name);
            parser.nextToken();
            JsonNode child = value(parser, fieldPath, problems);
            if (node.has(name)) {
                problems.add(new EntitlementsProblem(fieldPath,
                        "The field \"" + name + "\" appears more than once in the same object; keep one."));
            } else {
                node.set(name, child);
            }
        }
        return node;
    }

    private static ArrayNode array(JsonParser parser, String path, List<EntitlementsProblem> problems) throws IOException {
        ArrayNode node = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(parser, JsonPaths.index(path, node.size()), problems));
        }
        return node;
    }

    /** Where the parser stands, as a problem path. */
    private static String path(JsonParser parser) {
        if (parser == null) {
            return JsonPaths.ROOT;
        }
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            chain.push(context);
        }
        String path = JsonPaths.ROOT;
        for (JsonStreamContext context : chain) {
            if (context.inArray()) {
                path = JsonPaths.index(path, Math.max(context.getCurrentIndex(), 0));
            } else if (context.getCurrentName() != null) {
                path = JsonPaths.field(path, context.getCurrentName());
            }
        }
        return path;
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String message) {
        String text = message == null ? "unknown error" : message.replaceAll("\\s+", " ")
                .replaceAll("\\[Source: [^;\\]]*; ", "[")
                .strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // Reading a String: nothing to release.
            }
        }
    }
}
