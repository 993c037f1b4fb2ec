package broker.lambda.core.issuance;

import java.util.List;

/**
 * What a caller asks of {@code POST /v1/credentials}; every field may be absent (null).
 *
 * @param durationSeconds session length; default: the entitlement's maximum
 * @param region          the region the caller will use; must be entitled; narrows the policy to it
 * @param models          model ids to narrow the session policy to; each must be entitled
 */
public record CredentialsRequest(Integer durationSeconds, String region, List<String> models) {
    public static final CredentialsRequest DEFAULTS = new CredentialsRequest(null, null, null);

    public CredentialsRequest {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
