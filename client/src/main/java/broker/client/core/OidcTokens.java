package broker.client.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The signed-in user's OIDC tokens. The broker is called with the ID token; the refresh token (null when the issuer
 * gave none) renews it at {@code tokenEndpoint} without a browser. {@code subject} is the ID token's {@code sub}.
 */
public record OidcTokens(String idToken, String refreshToken, Instant idTokenExpiresAt, String subject,
                         String tokenEndpoint) {
    /** The broker's authorizer checks {@code exp} on its own clock: renew a little early. */
    public static final Duration ID_TOKEN_MARGIN = Duration.ofMinutes(2);

    public OidcTokens {
        Require.nonBlank(idToken, "idToken");
        Objects.requireNonNull(idTokenExpiresAt, "idTokenExpiresAt");
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
    }

    /** Whether the ID token can still be sent at {@code now}. */
    public boolean idTokenUsableAt(Instant now) {
        return idTokenExpiresAt.minus(ID_TOKEN_MARGIN).isAfter(now);
    }

    public boolean canRefresh() {
        return refreshToken != null;
    }

    @Override
    public String toString() {
        return "OidcTokens[subject=" + subject + ", idTokenExpiresAt=" + idTokenExpiresAt + ", idToken=redacted"
                + ", refreshToken=" + (refreshToken == null ? "none" : "redacted") + "]";
    }
}
