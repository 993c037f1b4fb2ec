package broker.lambda.local;

import broker.lambda.core.usage.IngestionResult;
import broker.lambda.core.usage.UsageIngestion;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The local broker's invocation-log input ({@code --invocation-log PATH}): a file of JSON lines, or a directory of
 * {@code .json} / {@code .json.gz} files as Bedrock delivers them to S3 (searched recursively), read at start and
 * followed as it grows.
 *
 * <p>A file is read up to its last complete line; a partial last line waits for its newline. A {@code .json.gz} file
 * is read whole once it decompresses to its end (a file still being copied is retried at the next poll) and again if
 * its size changes. A file that shrinks was replaced and is read from its start. What was read is counted exactly
 * once by the ledger's request-id claims, so rereading after a restart counts nothing twice. The positions advance
 * only after the ledger accepted the lines.
 */
public final class InvocationLogFollower implements AutoCloseable {
    /** Records handed to the ledger per atomic write at most. */
    static final int MAX_BATCH = 10_000;
    private static final int READ_CHUNK = 4 << 20;

    private final Path path;
    private final UsageIngestion ingestion;
    private final Duration pollEvery;
    private final Consumer<String> log;
    private final Map<Path, Long> positions = new HashMap<>();
    private final Map<Path, Long> gzipSizes = new HashMap<>();
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param path      a JSON-lines file or a directory
     * @param pollEvery how often to look for new lines
     * @param log       one line per problem (no record content)
     */
    public InvocationLogFollower(Path path, UsageIngestion ingestion, Duration pollEvery, Consumer<String> log) {
        this.path = path;
        this.ingestion = ingestion;
        this.pollEvery = pollEvery;
        this.log = log;
    }

    /** Reads what is there now, then follows on a daemon thread. */
    public synchronized void start() {
        pollOnce();
        thread = Thread.ofPlatform().daemon().name("invocation-log").start(this::follow);
    }

    private void follow() {
        while (!closed) {
            try {
                Thread.sleep(pollEvery);
                pollOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.accept("invocation log: " + e.getClass().getSimpleName() + " while reading; retrying");
            }
        }
    }

    /** Reads and counts every new complete line; returns how many lines were handed to the ledger. */
    public synchronized int pollOnce() {
        if (Files.isDirectory(path)) {
            int lines = 0;
            for (Path file : files()) {
                lines += file.getFileName().toString().endsWith(".gz") ? readGzip(file) : readLines(file);
            }
            return lines;
        }
        return Files.isRegularFile(path) ? readLines(path) : 0;
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".json") || f.getFileName().toString().endsWith(".json.gz"))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            log.accept("invocation log: cannot list " + path + ": " + e.getClass().getSimpleName());
            return List.of();
        }
    }

    private int readLines(Path file) {
        long position = positions.getOrDefault(file, 0L);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < position) position = 0; // replaced by a shorter file
            int total = 0;
            while (position < size) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_CHUNK, size - position));
                channel.read(buffer, position);
                byte[] bytes = buffer.array();
                int end = lastNewline(bytes, buffer.position());
                if (end < 0) {
                    if (buffer.position() == READ_CHUNK) {
                        log.accept("invocation log: a line of " + file.getFileName() + " is longer than 4 MiB; skipped");
                        position += READ_CHUNK;
                        positions.put(file, position);
                        continue;
                    }
                    break; // a partial last line: wait for its newline
                }
                List<String> lines = lines(bytes, end + 1);
                if (!ingest(lines)) break;
                total += lines.size();
                position += end + 1;
                positions.put(file, position);
            }
            return total;
        } catch (IOException e) {
            log.accept("invocation log: cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName());
            return 0;
        }
    }

    private int readGzip(Path file) {
        try {
            long size = Files.size(file);
            if (gzipSizes.containsKey(file) && gzipSizes.get(file) == size) return 0;
            byte[] bytes;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                bytes = out.toByteArray();
            } catch (EOFException | ZipException e) {
                return 0; // still being written: read at a later poll
            }
            List<String> lines = lines(bytes, bytes.length);
            if (!ingest(lines)) return 0;
            gzipSizes.put(file, size);
            return lines.size();
        } catch (IOException e) {
            log.accept("invocation log: cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName());
            return 0;
        }
    }

    /** Hands the lines to the ledger in batches; false when the ledger refused (nothing of the rest is read). */
    private boolean ingest(List<String> lines) {
        for (int from = 0; from < lines.size(); from += MAX_BATCH) {
            IngestionResult result = ingestion.ingest(lines.subList(from, Math.min(lines.size(), from + MAX_BATCH)));
            if (result instanceof IngestionResult.LedgerUnavailable(var reason)) {
                log.accept("invocation log: the ledger refused a batch (" + reason + "); retrying at the next poll");
                return false;
            }
        }
        return true;
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') return i;
        }
        return -1;
    }

    private static List<String> lines(byte[] bytes, int length) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (end > start && !isBlank(bytes, start, end)) {
                    lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
