package broker.client.remote;

import broker.client.core.Result;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link HttpTransport} on {@code java.net.http}, with connect and request timeouts and the environment's proxies: a
 * second, independent transport the tests run the broker and OIDC code over (the client ships
 * {@link UrlConnectionTransport}).
 */
public final class JdkHttpTransport implements HttpTransport {
    private final Duration timeout;
    private final ProxySettings proxies;
    private HttpClient client;

    public JdkHttpTransport(Duration timeout, ProxySettings proxies) {
        this.timeout = timeout;
        this.proxies = proxies;
    }

    private HttpClient client() {
        if (client == null) {
            Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connect)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(proxies)
                    .build();
        }
        return client;
    }

    @Override
    public Result<HttpReply> send(HttpCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(timeout);
        call.headers().forEach(request::header);
        request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
        try {
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return Result.ok(new HttpReply(response.statusCode(), headers, response.body()));
        } catch (IOException e) {
            return Result.err(NetworkFailures.classify(call.uri(), e, proxies.proxyFor(call.uri()) != null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.err(NetworkFailures.classify(call.uri(), e, false));
        }
    }
}
