package broker.client.oidc;

/** What a token endpoint answered. */
public sealed interface TokenAnswer {
    /** Tokens were issued; {@code idToken} and {@code refreshToken} may be null when the issuer sent none. */
    record Tokens(String idToken, String refreshToken, long expiresIn) implements TokenAnswer {
        @Override
        public String toString() {
            return "Tokens[redacted, expiresIn=" + expiresIn + "]";
        }
    }

    /** An OAuth error answer (RFC 6749 section 5.2), e.g. {@code invalid_grant} or {@code authorization_pending}. */
    record OAuthError(int status, String error, String description) implements TokenAnswer {}
}
