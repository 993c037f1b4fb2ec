package broker.client.store;

import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A profile's {@code config.json}, written by {@code configure}. */
public final class SettingsFile {
    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The settings; empty when the profile was never configured; an error when the file is damaged. */
    public Result<Optional<ProfileSettings>> read() {
        try {
            Optional<String> text = SecureFiles.readIfExists(file);
            if (text.isEmpty()) {
                return Result.ok(Optional.empty());
            }
            return Result.ok(Optional.of(parse(text.get())));
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        } catch (JsonException | IllegalArgumentException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(),
                    "damaged (" + e.getMessage() + "); run bedrock-broker configure again"));
        }
    }

    static ProfileSettings parse(String text) {
        JsonFields m = JsonFields.parse(text);
        JsonFields models = m.objectOrEmpty("models");
        var broker = new BrokerSettings(m.string("issuer"), m.string("clientId"), m.strings("scopes"),
                m.ints("redirectPorts"), m.optionalString("region"), models.optionalString("primary"),
                models.optionalString("fast"));
        long refreshAhead = m.longValue("refreshAheadSeconds", -1);
        return new ProfileSettings(URI.create(m.string("brokerUrl")), broker,
                refreshAhead < 0 ? null : Duration.ofSeconds(refreshAhead));
    }

    public Result<Void> write(ProfileSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("brokerUrl", settings.brokerUrl().toString());
        BrokerSettings b = settings.broker();
        m.put("issuer", b.issuer());
        m.put("clientId", b.clientId());
        m.put("scopes", b.scopes());
        m.put("redirectPorts", b.redirectPorts());
        m.put("region", b.region());
        var models = new LinkedHashMap<String, Object>();
        models.put("primary", b.primaryModel());
        models.put("fast", b.fastModel());
        m.put("models", models);
        if (settings.refreshAhead() != null) {
            m.put("refreshAheadSeconds", settings.refreshAhead().toSeconds());
        }
        try {
            SecureFiles.writeAtomically(file, Json.writePretty(m));
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }
}
