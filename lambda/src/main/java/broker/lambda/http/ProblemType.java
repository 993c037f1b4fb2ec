package broker.lambda.http;

import broker.lambda.core.KebabNames;

/**
 * Every error the API answers, as an RFC 9457 problem type: a stable {@code type} URI, a title and a status.
 * The README lists them; clients switch on {@link #slug()}.
 */
public enum ProblemType {
    /** The body is not JSON, or not a JSON object. */
    MALFORMED_JSON("Malformed JSON", 400),
    /** The body has a field this route does not know (typos must not be silently ignored). */
    UNKNOWN_FIELD("Unknown field", 400),
    /** A field has the wrong type or an impossible value. */
    INVALID_FIELD("Invalid field", 400),
    /** {@code durationSeconds} is outside 900 and the entitlement's maximum. */
    INVALID_DURATION("Invalid duration", 400),
    /** {@code ageDays} of a new long-term API key is outside 1 and the entitlement's maximum. */
    INVALID_AGE("Invalid key age", 400),
    /** The requested region is not in the caller's entitlement. */
    REGION_NOT_ALLOWED("Region not allowed", 400),
    /** A requested model is not in the caller's entitlement. */
    MODEL_NOT_ALLOWED("Model not allowed", 400),
    /** No valid bearer token, or the token carries no usable identity. */
    UNAUTHORIZED("Unauthorized", 401),
    /** The caller is signed in but their entitlement does not cover this request. */
    NOT_ENTITLED("Not entitled", 403),
    /** An admin route was called by someone outside the entitlements' admin groups. */
    ADMIN_REQUIRED("Admin required", 403),
    /** No such route or resource. */
    NOT_FOUND("Not found", 404),
    /** No such long-term API key among the person's keys (another person's key is never revealed). */
    API_KEY_NOT_FOUND("API key not found", 404),
    /** An admin route named someone (by subject or email) the broker never issued anything to. */
    PERSON_NOT_FOUND("Person not found", 404),
    /** The route exists, but not for this HTTP method. */
    METHOD_NOT_ALLOWED("Method not allowed", 405),
    /**
     * An admin route named a subject or email that people of more than one trusted issuer have: name the issuer with
     * {@code ?issuer=}.
     */
    AMBIGUOUS_USER("Ambiguous user", 409),
    /** The person already holds as many long-term API keys as allowed (expired ones count until deleted). */
    API_KEY_LIMIT("API key limit reached", 409),
    /** The body is larger than the broker accepts. */
    PAYLOAD_TOO_LARGE("Payload too large", 413),
    /** The body is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type", 415),
    /** AWS kept throttling the broker; retry after {@code Retry-After} seconds. */
    THROTTLED("Too many requests", 429),
    /**
     * The person's spend reached a budget cap (a UTC day's or month's); {@code detail} names the cap and the reset,
     * {@code Retry-After} is the seconds until the reset.
     */
    BUDGET_EXHAUSTED("Budget exhausted", 429),
    /** The broker failed unexpectedly; {@code instance} is the request id to quote. */
    INTERNAL_ERROR("Internal error", 500),
    /** AWS refused the broker's own request: a deployment problem for the platform team. */
    UPSTREAM_REFUSED("Upstream refused", 502),
    /** AWS could not be reached; retry after {@code Retry-After} seconds. */
    UPSTREAM_UNAVAILABLE("Upstream unavailable", 503);

    public static final String BASE_URI = "https://bedrock-broker.dev/problems/";

    private final String title;
    private final int status;

    ProblemType(String title, int status) {
        this.title = title;
        this.status = status;
    }

    /**
     * The type's name: the {@link KebabNames kebab name} of the constant ({@code malformed-json}). Renaming a constant
     * changes the API; the OpenAPI document's problem types pin every slug ({@code OpenApiDocumentTest}).
     */
    public String slug() {
        return KebabNames.of(this);
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE_URI + slug();
    }
}
