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
 * The loopback redirect target of a browser login (RFC 8252 section 7.3): listens on 127.0.0.1 and ::1 on the first
 * port of the configured list that is free on both, and waits for the issuer to send the browser back with
 * {@code code} and {@code state}. Requests with another {@code state} are turned away and do not end the wait.
 *
 * <p>The redirect URI names {@code localhost}: Amazon Cognito accepts plain http only for {@code http://localhost}.
 * Browsers may resolve {@code localhost} to ::1 first, so a port that another program holds on ::1 is skipped, never
 * used on 127.0.0.1 alone: that program would receive the authorization code. Only a machine without an IPv6
 * loopback is served on 127.0.0.1 alone.
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
        List<Integer> candidates = ports.isEmpty() ? List.of(0, 0, 0) : ports;
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
                servers.add(HttpServer.create(new InetSocketAddress(IPV6_LOOPBACK, port), 0));
            } catch (IOException e) {
                if (ipv6LoopbackWorks()) {
                    // Someone else listens on [::1]:port and would get the code: try the next port.
                    v4.stop(0);
                    continue;
                }
                // No IPv6 loopback on this machine: nobody can listen there, and browsers use 127.0.0.1.
            }
            var receiver = new LoopbackReceiver(servers, port, expectedState);
            for (HttpServer server : servers) {
                server.createContext(PATH, receiver::handle);
                server.start();
            }
            return Result.ok(receiver);
        }
        return Result.err(new ClientFailure.LoginFailed("all redirect ports " + ports
                + " are in use on 127.0.0.1 or ::1; close the other login or program using them and try again"));
    }

    private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this machine has an IPv6 loopback at all (any port on ::1 can be bound). */
    static boolean ipv6LoopbackWorks() {
        try (var probe = new java.net.ServerSocket(0, 1, IPV6_LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
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

    /** A small page; {@code message} may carry the issuer's (or anyone's) text, so it is escaped. */
    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>bedrock-broker</title></head>"
                + "<body><p>" + escapeHtml(message) + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String escapeHtml(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
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
