package broker.client.remote;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** One HTTP request. {@code body} is null for none. Header values may be secret: never log them. */
public record HttpCall(String method, URI uri, Map<String, String> headers, String body) {
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }

    public static HttpCall get(URI uri, Map<String, String> headers) {
        return new HttpCall("GET", uri, headers, null);
    }

    public static HttpCall post(URI uri, Map<String, String> headers, String body) {
        return new HttpCall("POST", uri, headers, body);
    }

    public static HttpCall delete(URI uri, Map<String, String> headers) {
        return new HttpCall("DELETE", uri, headers, null);
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
