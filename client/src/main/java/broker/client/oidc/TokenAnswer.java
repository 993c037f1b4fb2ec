package broker.client.oidc;

/** What a token endpoint answered. */
public sealed interface TokenAnswer {
    /**
     * Tokens were issued; {@code idToken} and {@code refreshToken} may be null when the issuer sent none. An ID token is
     * a JWT (base64url segments and dots); a refresh token is opaque but printable ASCII without spaces (RFC 6749
     * appendix A.17): anything else is refused before it is stored or sent in a header.
     */
    record Tokens(String idToken, String refreshToken, long expiresIn) implements TokenAnswer {
        public Tokens {
            if (idToken != null && !jwtShaped(idToken)) {
                throw new IllegalArgumentException("the ID token is not a JWT");
            }
            if (refreshToken != null && !printable(refreshToken)) {
                throw new IllegalArgumentException("the refresh token has characters a token cannot have");
            }
        }

        private static boolean jwtShaped(String token) {
            if (token.isEmpty() || token.length() > 65_536) {
                return false;
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                        || c == '.')) {
                    return false;
                }
            }
            return true;
        }

        private static boolean printable(String token) {
            if (token.length() > 65_536) {
                return false;
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Tokens[redacted, expiresIn=" + expiresIn + "]";
        }
    }

    /** An OAuth error answer (RFC 6749 section 5.2), e.g. {@code invalid_grant} or {@code authorization_pending}. */
    record OAuthError(int status, String error, String description) implements TokenAnswer {}
}
