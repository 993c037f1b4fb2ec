package broker.bench;

import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.usage.Attributor;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsagePrincipals;
import broker.lambda.core.usage.UsageViews;
import broker.lambda.local.EmbeddedUsageLedger;
import broker.lambda.local.InvocationLogFollower;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage ingestion through the local broker's path: invocation log lines in a file → {@link InvocationLogFollower} →
 * parse, price, attribute, aggregate → {@link EmbeddedUsageLedger}; and the lag from a line's arrival in the file to
 * the caller's usage showing it (the view {@code GET /v1/usage} renders), with the follower's 200 ms polling.
 */
final class UsageBench {
    private static final String ROLE = "bedrock-broker-users";
    private static final List<String> MODELS = List.of("global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "us.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0");

    record Throughput(int records, Duration elapsed) {
        double perSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    private final Path directory;

    UsageBench(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code records} lines for 200 people, then reads them in one pass and times it. */
    Throughput ingestion(int records) throws IOException {
        Files.createDirectories(directory);
        Path log = directory.resolve("throughput.jsonl");
        Instant now = Instant.now();
        try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                out.write(line("t" + i, "person" + (i % 200) + "-abcdefghijkl", MODELS.get(i % MODELS.size()),
                        now.minusSeconds(i % 3600)));
                out.write('\n');
            }
        }
        Context context = context();
        try (InvocationLogFollower follower = new InvocationLogFollower(log, context.ingestion(), Duration.ofMillis(200),
                line -> { })) {
            long start = System.nanoTime();
            int read = follower.pollOnce();
            return new Throughput(read, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Appends one record at a time (every {@code gapMs}) and measures until the caller's usage shows it. */
    List<Double> lagMs(int samples, long gapMs) throws Exception {
        Files.createDirectories(directory);
        Path log = directory.resolve("lag.jsonl");
        Files.writeString(log, "");
        Context context = context();
        Identity person = Identity.person(new PrincipalId(ISSUER, "person0"), "person0", "", List.of());
        List<Double> lags = new ArrayList<>();
        try (InvocationLogFollower follower = new InvocationLogFollower(log, context.ingestion(), Duration.ofMillis(200),
                line -> { })) {
            follower.start();
            for (int i = 0; i < samples; i++) {
                long before = context.views().mine(person).month().total().requests();
                long start = System.nanoTime();
                Files.writeString(log, line("l" + i, "person0-abcdefghijkl", MODELS.getFirst(), Instant.now()) + "\n",
                        StandardOpenOption.APPEND);
                while (context.views().mine(person).month().total().requests() <= before) Thread.sleep(1);
                lags.add((System.nanoTime() - start) / 1e6);
                Thread.sleep(gapMs);
            }
        }
        return lags;
    }

    /** The people issuer the bench's owners signed in through. */
    private static final String ISSUER = "https://idp.example.com";

    private record Context(UsageIngestion ingestion, UsageViews views) {}

    private static Context context() {
        Map<String, Owner> owners = new HashMap<>();
        for (int p = 0; p < 200; p++) {
            owners.put("person" + p + "-abcdefghijkl", new Owner(ISSUER, "person" + p, "person" + p, List.of("developers"),
                    Owner.Kind.PERSON));
        }
        Clock clock = Clock.systemUTC();
        var ledger = new EmbeddedUsageLedger(name -> new ConcurrentHashMap<>(), () -> { }, clock);
        var attributor = new Attributor(new UsagePrincipals(ROLE, "/bedrock-broker/users/", Set.of()),
                names -> {
                    Map<String, Owner> found = new HashMap<>();
                    names.forEach(n -> { if (owners.containsKey(n)) found.put(n, owners.get(n)); });
                    return found;
                }, names -> Map.of());
        return new Context(new UsageIngestion(PriceTable.defaults(), attributor, ledger, IngestionEvents.NONE, clock,
                UsageIngestion.DEFAULT_WINDOW), new UsageViews(ledger, clock));
    }

    private static String line(String id, String session, String model, Instant at) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + at
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/"
                + ROLE + "/" + session + "\"},\"region\":\"us-east-1\",\"requestId\":\"" + id
                + "\",\"operation\":\"ConverseStream\",\"modelId\":\"" + model + "\",\"input\":{\"inputContentType\":"
                + "\"application/json\",\"inputTokenCount\":1200,\"cacheReadInputTokenCount\":30000,"
                + "\"cacheWriteInputTokenCount\":800},\"output\":{\"outputContentType\":\"application/json\","
                + "\"outputTokenCount\":350}}";
    }
}
