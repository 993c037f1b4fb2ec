package broker.client.remote;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP answer; header names are lower case. */
public record HttpReply(int status, Map<String, List<String>> headers, String body) {
    public HttpReply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The media type without parameters, lower case, or "" when absent. */
    public String mediaType() {
        String type = header("content-type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
