package broker.lambda.core.policy;

import java.util.Objects;

/**
 * A session policy and how it was derived.
 *
 * @param json   the minified policy, at most {@link SessionPolicy#MAX_CHARS} long when built by the issuer
 * @param source catalog or static
 */
public record BuiltPolicy(String json, PolicySource source) {
    public BuiltPolicy {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
    }
}
