package broker.client.json;

/** Thrown when text is not JSON, or not the JSON shape a reader expects; the message never quotes the input. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
