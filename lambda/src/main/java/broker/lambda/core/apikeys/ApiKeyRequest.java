package broker.lambda.core.apikeys;

/**
 * What a caller asks of {@code POST /v1/api-keys}; every field may be absent (null).
 *
 * @param ageDays days until the key expires; default the entitlement's default, at most its maximum
 * @param label   a name for the key (e.g. the machine it lives on): up to 64 letters, digits, spaces and {@code _.:/=+-@}
 */
public record ApiKeyRequest(Integer ageDays, String label) {
    public static final ApiKeyRequest DEFAULTS = new ApiKeyRequest(null, null);
}
