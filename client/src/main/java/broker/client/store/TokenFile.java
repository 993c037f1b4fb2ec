package broker.client.store;

import broker.client.core.ClientFailure;
import broker.client.core.OidcTokens;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/** A profile's {@code tokens.json}: the OIDC tokens, 0600. */
public final class TokenFile {
    private final Path file;

    public TokenFile(Path file) {
        this.file = file;
    }

    /** The tokens, or empty when there are none or the file is damaged (either way: log in again). */
    public Optional<OidcTokens> read() {
        try {
            Optional<String> text = SecureFiles.readIfExists(file);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonFields m = JsonFields.parse(text.get());
            return Optional.of(new OidcTokens(m.string("idToken"), m.optionalString("refreshToken"),
                    Instant.ofEpochSecond(m.longValue("idTokenExpiresAt")), m.optionalString("subject"),
                    m.optionalString("tokenEndpoint")));
        } catch (IOException | JsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Result<Void> write(OidcTokens tokens) {
        var m = new LinkedHashMap<String, Object>();
        m.put("idToken", tokens.idToken());
        if (tokens.refreshToken() != null) {
            m.put("refreshToken", tokens.refreshToken());
        }
        m.put("idTokenExpiresAt", tokens.idTokenExpiresAt().getEpochSecond());
        m.put("subject", tokens.subject());
        m.put("tokenEndpoint", tokens.tokenEndpoint());
        try {
            SecureFiles.writeAtomically(file, Json.writePretty(m));
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }

    public Result<Void> delete() {
        try {
            Files.deleteIfExists(file);
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }
}
