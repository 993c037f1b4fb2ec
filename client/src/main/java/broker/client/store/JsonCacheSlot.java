package broker.client.store;

import broker.client.core.CacheSlot;
import broker.client.core.Cached;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cache entry as a small private JSON file: the value's members plus {@code obtainedAt} and {@code expiresAt} (epoch
 * seconds on this machine's clock). A file that cannot be read or parsed counts as a miss.
 */
public final class JsonCacheSlot<T> implements CacheSlot<T> {
    private static final long FORMAT = 1;

    /** How one kind of value becomes JSON members and back. */
    public interface Codec<T> {
        void write(T value, Map<String, Object> members);

        T read(JsonFields members);
    }

    private final Path file;
    private final Codec<T> codec;

    public JsonCacheSlot(Path file, Codec<T> codec) {
        this.file = file;
        this.codec = codec;
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Cached<T>> read() {
        try {
            Optional<String> text = SecureFiles.readIfExists(file);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonFields members = JsonFields.parse(text.get());
            if (members.longValue("format", FORMAT) != FORMAT) {
                return Optional.empty();
            }
            return Optional.of(new Cached<>(codec.read(members), Instant.ofEpochSecond(members.longValue("obtainedAt")),
                    Instant.ofEpochSecond(members.longValue("expiresAt"))));
        } catch (IOException | JsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Result<Void> write(Cached<T> entry) {
        var members = new LinkedHashMap<String, Object>();
        members.put("format", FORMAT);
        members.put("obtainedAt", entry.obtainedAt().getEpochSecond());
        members.put("expiresAt", entry.expiresAt().getEpochSecond());
        codec.write(entry.value(), members);
        try {
            SecureFiles.writeAtomically(file, Json.writePretty(members));
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }
}
