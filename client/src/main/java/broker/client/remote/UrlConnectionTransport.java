package broker.client.remote;

import broker.client.core.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link HttpTransport} on {@link HttpURLConnection}: the client's default. The JDK's URL connection starts in a
 * fraction of the time {@code java.net.http.HttpClient} needs (whose selector thread, executor and HTTP/2 machinery
 * cost ~0.5 s of start-up on a one-request process), and one refresh makes one or two requests.
 *
 * <p>Timeouts: connecting (TCP, and the TLS handshake for https) is bounded by the request timeout, at most 10 s;
 * each wait for the answer by the request timeout. Proxies come from {@link ProxySettings} ({@code HTTPS_PROXY} is
 * reached with {@code CONNECT}). Redirects are not followed. A body is sent in fixed-length streaming mode, so a
 * {@code POST} is never silently retried.
 */
public final class UrlConnectionTransport implements HttpTransport {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    private final Duration timeout;
    private final ProxySettings proxies;

    public UrlConnectionTransport(Duration timeout, ProxySettings proxies) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.proxies = proxies;
    }

    @Override
    public Result<HttpReply> send(HttpCall call) {
        URI uri = call.uri();
        InetSocketAddress proxy = proxies.proxyFor(uri);
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection(
                    proxy == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, proxy));
        } catch (IOException | IllegalArgumentException e) {
            return Result.err(NetworkFailures.classify(uri, e, proxy != null));
        }
        try {
            connection.setConnectTimeout(millis(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT));
            connection.setReadTimeout(millis(timeout));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(call.method());
            for (Map.Entry<String, String> header : call.headers().entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            byte[] body = call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
            }
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                return Result.err(NetworkFailures.connectTimedOut(uri));
            }
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            Map<String, List<String>> headers = headers(connection);
            String text = read(status >= 400 ? connection.getErrorStream() : connection.getInputStream(),
                    charset(connection.getContentType()));
            return Result.ok(new HttpReply(status, headers, text));
        } catch (IOException e) {
            connection.disconnect();
            return Result.err(NetworkFailures.classify(uri, e, proxy != null));
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** Header names in lower case; the status line (null name) left out. No lambdas: this runs in a cold JVM. */
    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : connection.getHeaderFields().entrySet()) {
            if (e.getKey() != null) {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                List<String> values = headers.get(name);
                if (values == null) {
                    headers.put(name, List.copyOf(e.getValue()));
                } else {
                    List<String> merged = new ArrayList<>(values);
                    merged.addAll(e.getValue());
                    headers.put(name, List.copyOf(merged));
                }
            }
        }
        return headers;
    }

    private static String read(InputStream in, Charset charset) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), charset);
        }
    }

    /** The charset parameter of the content type, else UTF-8 (what the broker and identity providers send). */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
