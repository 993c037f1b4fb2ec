package broker.client.json;

/** Thrown when text is not JSON, or not the JSON shape a reader expects; the message never quotes the input. */
public final class JsonException extends RuntimeException {
    private final int offset;

    public JsonException(String message) {
        this(message, -1);
    }

    public JsonException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Where in the text the problem was found (a char index), or -1 when it is not about a position. */
    public int offset() {
        return offset;
    }

    /** "line L, column C" of {@link #offset()} in {@code text}, for messages about files people edit. */
    public String position(String text) {
        if (offset < 0) {
            return "";
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
