package broker.client.store;

import broker.client.core.RetryAfterBackoff;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The profile's {@link RetryAfterBackoff.Hold} as a small private JSON file, written atomically. Best effort: a file
 * that cannot be read counts as no hold, and one that cannot be written or deleted only costs an extra broker call.
 */
public final class RetryAfterFile implements RetryAfterBackoff.Store {
    private final Path file;

    public RetryAfterFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<RetryAfterBackoff.Hold> read() {
        try {
            Optional<String> text = SecureFiles.readIfExists(file);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonFields hold = JsonFields.parse(text.get());
            return Optional.of(new RetryAfterBackoff.Hold(Instant.ofEpochMilli(hold.longValue("until")),
                    hold.string("service"), (int) hold.longValue("status"), hold.optionalString("title")));
        } catch (IOException | JsonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(RetryAfterBackoff.Hold hold) {
        var members = new LinkedHashMap<String, Object>();
        members.put("until", hold.until().toEpochMilli());
        members.put("service", hold.service());
        members.put("status", (long) hold.status());
        if (hold.title() != null) {
            members.put("title", hold.title());
        }
        try {
            SecureFiles.writeAtomically(file, Json.writePretty(members));
        } catch (IOException e) {
            // Without the file every process asks the broker itself: slower to recover, never wrong.
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // An old hold only delays the next broker call until it runs out.
        }
    }
}
