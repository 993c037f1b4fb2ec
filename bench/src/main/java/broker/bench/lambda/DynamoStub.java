package broker.bench.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * DynamoDB's {@code BatchGetItem} for the budget check, answering at once: every requested usage total row is found
 * with a spend of {@value #COST_MICRO_USD} micro-USD, the override is absent. Served on loopback ({@link #start}), or
 * in-process as an SDK HTTP client ({@link #inProcess}) so the SDK's whole pipeline runs without a socket.
 */
public final class DynamoStub implements AutoCloseable {
    /** What each total row holds: $1, below the bench's caps. */
    public static final long COST_MICRO_USD = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private DynamoStub(HttpServer server) {
        this.server = server;
    }

    public static DynamoStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> answer(exchange));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dynamo-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new DynamoStub(server);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The same answers without a socket. */
    public static SdkHttpClient inProcess() {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() throws IOException {
                        byte[] body;
                        Optional<software.amazon.awssdk.http.ContentStreamProvider> content = request.contentStreamProvider();
                        try (InputStream in = content.orElseThrow().newStream()) {
                            body = answer(in.readAllBytes());
                        }
                        return HttpExecuteResponse.builder()
                                .response(SdkHttpResponse.builder().statusCode(200)
                                        .putHeader("Content-Type", "application/x-amz-json-1.0").build())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = answer(in.readAllBytes());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The {@code BatchGetItem} answer: each requested total row found, the override not. */
    static byte[] answer(byte[] request) throws IOException {
        JsonNode items = JSON.readTree(request).path("RequestItems");
        ObjectNode response = JSON.createObjectNode();
        ObjectNode responses = response.putObject("Responses");
        response.putObject("UnprocessedKeys");
        items.fields().forEachRemaining(table -> {
            ArrayNode found = responses.putArray(table.getKey());
            for (JsonNode key : table.getValue().path("Keys")) {
                if (key.path("sk").path("S").asText().equals("override")) continue;
                ObjectNode item = found.addObject();
                item.setAll((ObjectNode) key);
                item.putObject("requests").put("N", "10");
                item.putObject("costMicroUsd").put("N", Long.toString(COST_MICRO_USD));
                item.putObject("updatedAt").put("N", Long.toString(System.currentTimeMillis()));
            }
        });
        return JSON.writeValueAsBytes(response);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
