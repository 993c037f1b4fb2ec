package broker.lambda.local;

import broker.lambda.authorizer.AuthorizationResult;
import broker.lambda.authorizer.Authorizer;
import broker.lambda.authorizer.AuthorizationResult.Authorized;
import broker.lambda.authorizer.AuthorizationResult.Unauthorized;
import broker.lambda.local.RouteTable.Resolution;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that plays API Gateway's HTTP API in front of Lambda handlers: it routes, runs the
 * authorizer on authenticated routes (the handler is never called when it refuses), turns the request into the
 * payload-format-2.0 event, invokes the handler and writes its response back.
 *
 * <p>The constructor binds {@code 127.0.0.1:port} (0 = any free port) and starts serving, like {@code ServerSocket}.
 */
public final class LocalServer implements RunningBroker {
    static final int WORKER_THREADS = 16;
    static final int STOP_GRACE_SECONDS = 2;
    static final String REQUEST_ID_HEADER = "apigw-requestid";

    // The JDK server manages framing itself; a handler cannot set these.
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    private final RouteTable routes;
    private final Authorizer authorizer;
    private final Cors cors;
    private final PrintStream log;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService workers;

    /** Serves {@code routes} on {@code 127.0.0.1:port} and logs to stderr. */
    public LocalServer(List<Route> routes, Authorizer authorizer, int port) throws IOException {
        this(routes, authorizer, port, System.err);
    }

    /**
     * @param routes     the route table; a duplicate route key is an {@link IllegalArgumentException}
     * @param authorizer decides on authenticated routes
     * @param port       0 for any free port
     * @param log        one line per request, authorizer refusals and handler failures; never tokens or bodies
     * @throws java.net.BindException when the port is taken
     */
    public LocalServer(List<Route> routes, Authorizer authorizer, int port, PrintStream log) throws IOException {
        this(routes, authorizer, port, log, Cors.NONE);
    }

    /**
     * @param cors which browser origins may call the routes; {@link Cors#NONE} for none
     * @see #LocalServer(List, Authorizer, int, PrintStream)
     */
    public LocalServer(List<Route> routes, Authorizer authorizer, int port, PrintStream log, Cors cors)
            throws IOException {
        this.routes = new RouteTable(routes);
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Clock.systemUTC();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        int status = 0;
        try {
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
            status = dispatch(exchange, requestId);
        } catch (IOException | RuntimeException e) {
            // The client went away, or writing failed half-way: nothing more can be sent.
            log.println(requestId + " response not sent: " + e.getClass().getSimpleName());
        } finally {
            // Logged before close() completes the response, so the line exists once the client has its answer.
            log.printf("%s %s %s -> %d (%d ms)%n", requestId, printable(exchange.getRequestMethod()),
                    printable(exchange.getRequestURI().getRawPath()), status, (System.nanoTime() - started) / 1_000_000);
            exchange.close();
        }
    }

    private int dispatch(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (cors.enabled()) {
            // As API Gateway does once CORS is configured: it answers preflights itself, on any path, and marks
            // every other answer for an allowed origin; answers differ by Origin, so caches must key on it.
            Headers request = exchange.getRequestHeaders();
            String origin = request.getFirst("Origin");
            exchange.getResponseHeaders().add("Vary", "Origin");
            if (Cors.isPreflight(method, origin, request.getFirst("Access-Control-Request-Method"))) {
                cors.preflightHeaders(origin).forEach(exchange.getResponseHeaders()::set);
                return send(exchange, 204, new byte[0]);
            }
            cors.allowed(origin).ifPresent(allowed ->
                    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowed));
        }
        return switch (routes.resolve(method, exchange.getRequestURI().getRawPath())) {
            case Resolution.NotFound() -> problem(exchange, Problems.NOT_FOUND, requestId);
            case Resolution.MethodNotAllowed(var allowed) -> {
                exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                yield problem(exchange, Problems.METHOD_NOT_ALLOWED, requestId);
            }
            case Resolution.Found(var route, var pathParameters) -> serve(exchange, route, pathParameters, requestId);
        };
    }

    private int serve(HttpExchange exchange, Route route, Map<String, String> pathParameters, String requestId)
            throws IOException {
        Authorized authorization = null;
        if (route.authenticated()) {
            switch (authorize(exchange.getRequestHeaders())) {
                case Unauthorized(var reason) -> {
                    log.println(requestId + " unauthorized: " + reason);
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    return problem(exchange, Problems.UNAUTHORIZED, requestId);
                }
                case Authorized authorized -> authorization = authorized;
            }
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            exchange.getResponseHeaders().set("Connection", "close");
            return problem(exchange, Problems.PAYLOAD_TOO_LARGE, requestId);
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        IncomingRequest request = new IncomingRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body, remote.getAddress().getHostAddress(), exchange.getProtocol());
        APIGatewayV2HTTPEvent event =
                ApiGatewayEvents.toEvent(request, route, pathParameters, authorization, requestId, Instant.now(clock));
        LocalContext context = new LocalContext(requestId, functionName(route), clock, log);

        APIGatewayV2HTTPResponse response;
        try {
            response = route.handler().handleRequest(event, context);
        } catch (RuntimeException e) {
            log.println(requestId + " handler " + functionName(route) + " failed: " + e.getClass().getName()
                    + ": " + printable(String.valueOf(e.getMessage())));
            return problem(exchange, Problems.INTERNAL_ERROR, requestId);
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            log.println(requestId + " handler " + functionName(route) + " returned no valid status code");
            return problem(exchange, Problems.INTERNAL_ERROR, requestId);
        }
        byte[] responseBody;
        try {
            responseBody = responseBody(response);
        } catch (IllegalArgumentException e) {
            log.println(requestId + " handler " + functionName(route) + " flagged a body that is not base64");
            return problem(exchange, Problems.INTERNAL_ERROR, requestId);
        }
        copyHeaders(response, exchange.getResponseHeaders());
        return send(exchange, response.getStatusCode(), responseBody);
    }

    private AuthorizationResult authorize(Headers headers) {
        List<String> values = headers.get("Authorization");
        if (values != null && values.size() > 1) return new Unauthorized("several Authorization headers");
        try {
            AuthorizationResult result = authorizer.authorize(values == null ? null : values.getFirst());
            return result != null ? result : new Unauthorized("authorizer returned nothing");
        } catch (RuntimeException e) {
            // Fail closed: an authorizer bug must not open the route.
            return new Unauthorized("authorizer failed: " + e.getClass().getSimpleName());
        }
    }

    /** The body, or null when it exceeds {@link IncomingRequest#MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > IncomingRequest.MAX_BODY_BYTES) return null;
            } catch (NumberFormatException e) {
                // The JDK server has already refused a malformed Content-Length; read and count instead.
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            body.write(buffer, 0, read);
            if (body.size() > IncomingRequest.MAX_BODY_BYTES) return null;
        }
        return body.toByteArray();
    }

    private static byte[] responseBody(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) return new byte[0];
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static void copyHeaders(APIGatewayV2HTTPResponse response, Headers headers) {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (value != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) headers.set(name, value);
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values == null || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) return;
                for (String value : values) if (value != null) headers.add(name, value);
            });
        }
        if (response.getCookies() != null) {
            for (String cookie : response.getCookies()) if (cookie != null) headers.add("Set-Cookie", cookie);
        }
    }

    private static int problem(HttpExchange exchange, Problems problem, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Problems.CONTENT_TYPE);
        return send(exchange, problem.status, problem.body(requestId));
    }

    private static int send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || status < 200
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) exchange.getResponseBody().write(body);
        return status;
    }

    private static String functionName(Route route) {
        return route.handler().getClass().getSimpleName();
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "local-broker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
