package broker.lambda.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** Reads a JSON request body into a record, turning every way it can be wrong into a problem. */
public final class Bodies {
    /** Request bodies are a few fields; anything larger is not a real client. */
    public static final int MAX_BODY_CHARS = 16 * 1024;

    private final ObjectMapper json;

    public Bodies(ObjectMapper json) {
        this.json = json;
    }

    /** The outcome of reading a body. */
    public sealed interface Parsed<T> {
        record Ok<T>(T value) implements Parsed<T> {}

        record Bad<T>(ProblemType type, String detail) implements Parsed<T> {}
    }

    /** An empty body means "all defaults". */
    public <T> Parsed<T> read(ApiRequest request, Class<T> type, T empty) {
        String body = request.body();
        if (body.length() > MAX_BODY_CHARS) {
            return new Parsed.Bad<>(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + MAX_BODY_CHARS + " characters.");
        }
        if (body.isBlank()) return new Parsed.Ok<>(empty);
        String contentType = request.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!contentType.isEmpty() && !contentType.startsWith("application/json")) {
            return new Parsed.Bad<>(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        if (!body.stripLeading().startsWith("{")) {
            return new Parsed.Bad<>(ProblemType.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        try {
            T value = json.readValue(body, type);
            return new Parsed.Ok<>(value == null ? empty : value);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new Parsed.Bad<>(ProblemType.UNKNOWN_FIELD,
                    "Unknown field \"" + Text.printable(e.getPropertyName()) + "\"; this route accepts: " + known + ".");
        } catch (MismatchedInputException e) {
            return new Parsed.Bad<>(ProblemType.INVALID_FIELD, "Field \"" + fieldPath(e) + "\" has the wrong type.");
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            return new Parsed.Bad<>(ProblemType.MALFORMED_JSON, "The request body is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")") + ".");
        } catch (IllegalArgumentException e) {
            // A record's compact constructor rejected a value.
            return new Parsed.Bad<>(ProblemType.INVALID_FIELD, "The request body has an invalid value.");
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : Text.printable(path);
    }
}
