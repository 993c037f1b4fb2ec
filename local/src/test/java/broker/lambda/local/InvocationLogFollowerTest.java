package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.usage.Attributor;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.MemoryUsageLedger;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsagePrincipals;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationLogFollowerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    @TempDir Path dir;
    private final MemoryUsageLedger ledger = new MemoryUsageLedger();
    private final List<String> log = new ArrayList<>();
    private final UsageIngestion ingestion = new UsageIngestion(PriceTable.defaults(),
            new Attributor(new UsagePrincipals("Role", "/bb/", Set.of()), names -> Map.of(), names -> Map.of()),
            ledger, IngestionEvents.NONE, Clock.fixed(NOW, ZoneOffset.UTC), UsageIngestion.DEFAULT_WINDOW);

    @Test
    void pollOnce_growingFile_countsEachCompleteLineOnce() throws IOException {
        Path file = dir.resolve("invocations.jsonl");
        append(file, line("r1") + "\n" + line("r2") + "\n");
        InvocationLogFollower follower = follower(file);

        assertThat(follower.pollOnce()).isEqualTo(2);
        append(file, line("r3") + "\n" + line("r4").substring(0, 40));
        assertThat(follower.pollOnce()).isEqualTo(1);
        append(file, line("r4").substring(40) + "\n");
        assertThat(follower.pollOnce()).isEqualTo(1);
        assertThat(follower.pollOnce()).isZero();

        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void pollOnce_newFollowerOnTheSameFile_countsNothingTwice() throws IOException {
        Path file = dir.resolve("invocations.jsonl");
        append(file, line("r1") + "\n" + line("r2") + "\n");
        follower(file).pollOnce();

        follower(file).pollOnce();

        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void pollOnce_directoryAsDeliveredToS3_readsJsonAndGzipFilesRecursively() throws IOException {
        Path hour = Files.createDirectories(dir.resolve(
                "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2026/12/07/21"));
        gzip(hour.resolve("20261207T2100Z_a.json.gz"), line("g1") + "\n" + line("g2") + "\n");
        append(hour.resolve("plain.json"), line("p1") + "\n");
        Files.writeString(hour.resolve("ignored.txt"), line("x1") + "\n");
        InvocationLogFollower follower = follower(dir);

        assertThat(follower.pollOnce()).isEqualTo(3);
        assertThat(follower.pollOnce()).isZero();
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void pollOnce_gzipStillBeingCopied_isReadOnceComplete() throws IOException {
        Path file = dir.resolve("a.json.gz");
        byte[] whole = gzipBytes(line("g1") + "\n");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        InvocationLogFollower follower = follower(dir);

        assertThat(follower.pollOnce()).isZero();
        Files.write(file, whole);
        assertThat(follower.pollOnce()).isEqualTo(1);
    }

    @Test
    void pollOnce_replacedByAShorterFile_readsItFromTheStart() throws IOException {
        Path file = dir.resolve("invocations.jsonl");
        append(file, line("r1") + "\n" + line("r2") + "\n");
        InvocationLogFollower follower = follower(file);
        follower.pollOnce();

        Files.writeString(file, line("r3") + "\n");

        assertThat(follower.pollOnce()).isEqualTo(1);
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void start_followsTheFileAsItGrows() throws Exception {
        Path file = dir.resolve("invocations.jsonl");
        append(file, line("r1") + "\n");
        try (InvocationLogFollower follower = new InvocationLogFollower(file, ingestion, Duration.ofMillis(20), log::add)) {
            follower.start();
            append(file, line("r2") + "\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (requests() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        }

        assertThat(requests()).isEqualTo(2);
    }

    private InvocationLogFollower follower(Path path) {
        return new InvocationLogFollower(path, ingestion, Duration.ofMillis(50), log::add);
    }

    private long requests() {
        return ledger.spend(Owner.UNATTRIBUTED_KEY, LocalDate.parse("2026-12-07")).day().total().requests();
    }

    private static String line(String id) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2026-12-07T21:59:00Z\","
                + "\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/Other/s1\"},"
                + "\"region\":\"us-east-1\",\"requestId\":\"" + id + "\",\"operation\":\"Converse\","
                + "\"modelId\":\"global.anthropic.claude-haiku-4-5-20251001-v1:0\","
                + "\"input\":{\"inputTokenCount\":10},\"output\":{\"outputTokenCount\":5}}";
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void gzip(Path file, String text) throws IOException {
        Files.write(file, gzipBytes(text));
    }

    private static byte[] gzipBytes(String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
