package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The local broker under bounded concurrent load on loopback: {@value #CALLERS} callers for
 * {@code -Dbroker.load.seconds} (default {@value #DEFAULT_SECONDS} s) with WireMock as STS and IAM. No request may
 * fail, each issuance and refusal is audited exactly once (none lost, none doubled, none for a request that was not
 * made), no log line holds a secret, and the heap after GC does not grow. Prints the throughput.
 */
class LocalBrokerLoadTest {
    static final int CALLERS = 50;
    static final long DEFAULT_SECONDS = 5;
    static final String SECONDS_PROPERTY = "broker.load.seconds";
    /** Heap growth (after GC) tolerated across the run; a leak of one object per request shows far above this. */
    static final long MAX_HEAP_GROWTH_BYTES = 48L * 1024 * 1024;
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([^\"]+)\"");

    /** One kind of request in the mix; {@code audits} is how many audit lines it must write. */
    record Kind(String method, String path, String body, int audits) {}

    static final List<Kind> MIX = List.of(
            new Kind("POST", "/v1/credentials", "{}", 1),
            new Kind("POST", "/v1/credentials", "{\"region\":\"us-west-2\",\"durationSeconds\":900}", 1),
            new Kind("POST", "/v1/bearer-tokens", "{\"region\":\"us-east-1\"}", 1),
            new Kind("GET", "/v1/me", null, 0),
            new Kind("POST", "/v1/credentials", "{\"durationSeconds\":60}", 1)); // refused: audited, no STS call

    record Result(Kind kind, int status, String requestId, long nanos) {}

    @Test
    void fiftyConcurrentCallers_getNoErrorsAndEveryRequestIsAuditedExactlyOnceWithSteadyMemory() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS));
        Map<String, AtomicInteger> audited = new ConcurrentHashMap<>();
        List<String> leaks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lines = new AtomicLong();

        try (BrokerUnderTest broker = new BrokerUnderTest(true);
             LogCapture capture = new LogCapture(line -> {
                 lines.incrementAndGet();
                 if (containsSecret(line)) leaks.add(line);
                 if (line.contains("\"audit\":true")) {
                     Matcher id = REQUEST_ID.matcher(line);
                     audited.computeIfAbsent(id.find() ? id.group(1) : "(none)", k -> new AtomicInteger()).incrementAndGet();
                 }
             }, true);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<String> tokens = IntStream.range(0, 10)
                    .mapToObj(i -> FakeIssuer.sign(broker.key, broker.claims().subject("load-user-" + i)
                            .claim("email", "load-user-" + i + "@example.com").claim("email_verified", true).build()))
                    .toList();
            run(broker, http, tokens, Duration.ofSeconds(1)); // warm-up: JIT, connection pools, JWKS
            audited.clear();
            long heapBefore = heapAfterGc();

            long started = System.nanoTime();
            List<Result> results = run(broker, http, tokens, duration);
            double seconds = (System.nanoTime() - started) / 1e9;
            long heapAfter = heapAfterGc();

            List<Result> failed = results.stream().filter(r -> r.status() != expectedStatus(r.kind())).toList();
            assertThat(failed).as("requests that failed").isEmpty();
            for (Result result : results) {
                AtomicInteger count = audited.remove(result.requestId());
                assertThat(count == null ? 0 : count.get()).as("audit lines of %s %s (%s)", result.kind().method(),
                        result.kind().path(), result.requestId()).isEqualTo(result.kind().audits());
            }
            assertThat(audited).as("audit lines of requests nobody made").isEmpty();
            assertThat(leaks).as("log lines holding a secret").isEmpty();
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(MAX_HEAP_GROWTH_BYTES);

            long[] latencies = results.stream().mapToLong(Result::nanos).sorted().toArray();
            System.out.printf("LOAD %d callers, %.1f s: %d requests, %.0f requests/s, p50 %.1f ms, p99 %.1f ms,"
                            + " %d log lines, heap after GC %d MB -> %d MB%n",
                    CALLERS, seconds, results.size(), results.size() / seconds, percentile(latencies, 50) / 1e6,
                    percentile(latencies, 99) / 1e6, lines.get(), heapBefore >> 20, heapAfter >> 20);
            assertThat(results.size()).as("requests served").isGreaterThan(CALLERS);
        }
    }

    static int expectedStatus(Kind kind) {
        return kind.body() != null && kind.body().contains("\"durationSeconds\":60") ? 400 : 200;
    }

    static boolean containsSecret(String line) {
        return line.contains(BrokerUnderTest.SECRET_ACCESS_KEY) || line.contains(BrokerUnderTest.SESSION_TOKEN)
                || line.contains("bedrock-api-key-") || line.contains("eyJ");
    }

    /** {@value #CALLERS} callers, each sending the mix round-robin until {@code duration} is over. */
    static List<Result> run(BrokerUnderTest broker, HttpClient http, List<String> tokens, Duration duration)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<List<Result>>> callers = IntStream.range(0, CALLERS).mapToObj(caller -> pool.submit(() -> {
                go.await();
                List<Result> results = new ArrayList<>();
                for (int i = caller; System.nanoTime() < deadline; i++) {
                    Kind kind = MIX.get(i % MIX.size());
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.broker.baseUri() + kind.path()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + tokens.get(i % tokens.size()));
                    if (kind.body() == null) request.GET();
                    else request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(kind.body()));
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    results.add(new Result(kind, response.statusCode(),
                            response.headers().firstValue("apigw-requestid").orElse("(none)"), System.nanoTime() - start));
                }
                return results;
            })).toList();
            go.countDown();
            List<Result> all = new ArrayList<>();
            for (Future<List<Result>> caller : callers) all.addAll(caller.get());
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
