package broker.client.oidc;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loopback redirect target of a browser login (RFC 8252 section 7.3): listens on 127.0.0.1 (and ::1 where
 * possible) on the first free port of the configured list, and waits for the issuer to send the browser back with
 * {@code code} and {@code state}. Requests with another {@code state} are turned away and do not end the wait.
 *
 * <p>The redirect URI names {@code localhost}: Amazon Cognito accepts plain http only for {@code http://localhost}.
 */
public final class LoopbackReceiver implements AutoCloseable {
    public static final String PATH = "/callback";

    private final List<HttpServer> servers;
    private final int port;
    private final String expectedState;
    private final CompletableFuture<Result<String>> outcome = new CompletableFuture<>();

    private LoopbackReceiver(List<HttpServer> servers, int port, String expectedState) {
        this.servers = servers;
        this.port = port;
        this.expectedState = expectedState;
    }

    /** Binds the first free port of {@code ports} (any free port when the list is empty). */
    public static Result<LoopbackReceiver> bind(List<Integer> ports, String expectedState) {
        List<Integer> candidates = ports.isEmpty() ? List.of(0) : ports;
        for (int candidate : candidates) {
            HttpServer v4;
            try {
                v4 = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), candidate), 0);
            } catch (BindException e) {
                continue;
            } catch (IOException e) {
                return Result.err(new ClientFailure.LoginFailed("cannot listen on 127.0.0.1:" + candidate + " (" + e.getMessage() + ")"));
            }
            int port = v4.getAddress().getPort();
            var servers = new ArrayList<HttpServer>();
            servers.add(v4);
            try {
                // Browsers may resolve localhost to ::1 first.
                servers.add(HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), port), 0));
            } catch (IOException e) {
                // IPv4 alone is fine: browsers fall back to 127.0.0.1.
            }
            var receiver = new LoopbackReceiver(servers, port, expectedState);
            for (HttpServer server : servers) {
                server.createContext(PATH, receiver::handle);
                server.start();
            }
            return Result.ok(receiver);
        }
        return Result.err(new ClientFailure.LoginFailed("all redirect ports " + ports
                + " are in use on 127.0.0.1; close the other login or program using them and try again"));
    }

    public URI redirectUri() {
        return URI.create("http://localhost:" + port + PATH);
    }

    /** The authorization code, once the browser arrives with it. */
    public Result<String> awaitCode(Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Result.err(new ClientFailure.LoginFailed("no answer from the browser within "
                    + timeout.toMinutes() + " minutes"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.err(new ClientFailure.LoginFailed("interrupted"));
        } catch (ExecutionException e) {
            return Result.err(new ClientFailure.LoginFailed("the login callback failed"));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod()) || !expectedState.equals(query.get("state"))) {
                respond(exchange, 400, "This sign-in answer does not belong to the running bedrock-broker login.");
                return;
            }
            String error = query.get("error");
            if (error != null) {
                String description = query.get("error_description");
                respond(exchange, 200, "Sign-in failed: " + error + ". You can close this tab.");
                outcome.complete(Result.err(new ClientFailure.LoginFailed("the identity provider answered "
                        + error + (description == null ? "" : " (" + description + ")"))));
                return;
            }
            String code = query.get("code");
            if (code == null || code.isEmpty()) {
                respond(exchange, 400, "The sign-in answer has no authorization code.");
                return;
            }
            respond(exchange, 200, "Signed in to bedrock-broker. You can close this tab.");
            outcome.complete(Result.ok(code));
        }
    }

    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>bedrock-broker</title></head>"
                + "<body><p>" + message + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
    }
}
