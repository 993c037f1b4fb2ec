package broker.lambda.core.identity;

import java.util.Map;
import java.util.Optional;

/** TEMPORARY STUB (the identity work replaces it). */
public final class IdentityResolver {
    public IdentityResolver(IdentityClaims claims) {}

    public Optional<Identity> resolve(Map<String, String> claims) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
