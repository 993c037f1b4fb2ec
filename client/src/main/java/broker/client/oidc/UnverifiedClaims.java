package broker.client.oidc;

import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The claims of an ID token read without checking its signature. Used only for a token the client just received
 * from the issuer's token endpoint over TLS (OpenID Connect Core 1.0, 3.1.3.7 item 6 allows TLS server validation in
 * place of the signature there); the broker verifies the signature on every call anyway.
 */
public record UnverifiedClaims(String issuer, List<String> audience, String subject, Instant expiresAt) {
    public static UnverifiedClaims of(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the ID token is not a signed JWT");
        }
        JsonFields claims;
        try {
            claims = JsonFields.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonException e) {
            throw new IllegalArgumentException("the ID token's claims cannot be read");
        }
        Object aud = claims.object().get("aud");
        List<String> audience = aud instanceof String s ? List.of(s) : claims.strings("aud");
        return new UnverifiedClaims(claims.optionalString("iss"), audience, claims.optionalString("sub"),
                Instant.ofEpochSecond(claims.longValue("exp")));
    }
}
