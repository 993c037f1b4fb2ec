package broker.client.core;

/** Supplies an OIDC ID token to call the broker with, refreshing it silently when due. */
public interface IdTokenSource {
    /**
     * A currently valid ID token. With {@code forceRefresh} the refresh token is used even if the ID token looks
     * valid (the broker just rejected it). Never prompts: without usable tokens the result is {@code LoginRequired}.
     */
    Result<String> idToken(boolean forceRefresh);
}
