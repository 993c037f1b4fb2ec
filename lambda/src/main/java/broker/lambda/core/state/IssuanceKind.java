package broker.lambda.core.state;

/** What the broker issued to a person, as recorded in their {@link PersonRecord}. */
public enum IssuanceKind {
    /** STS credentials ({@code POST /v1/credentials}). */
    CREDENTIALS,
    /** A short-term Bedrock API key ({@code POST /v1/bearer-tokens}). */
    BEARER_TOKEN,
    /** A long-term Bedrock API key ({@code POST /v1/api-keys}). */
    API_KEY
}
