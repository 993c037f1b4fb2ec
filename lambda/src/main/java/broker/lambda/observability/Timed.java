package broker.lambda.observability;

import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.CatalogSource;
import broker.lambda.core.issuance.CredentialIssuer;

/**
 * The ports the broker calls upstream, each call measured (with the SDK's retries and pages inside it) as the
 * {@code UpstreamLatency} metric of its service: the one place a port gets its timing.
 */
public final class Timed {
    private Timed() {
    }

    /** Every read of one region's catalog (every page and retry), as service {@code bedrock}. */
    public static CatalogSource bedrock(CatalogSource source, AuditLog audit) {
        UpstreamTimer timer = new UpstreamTimer(audit, "bedrock");
        return region -> timer.time(() -> source.fetch(region));
    }

    /** Every STS call, as service {@code sts}. */
    public static CredentialIssuer sts(CredentialIssuer issuer, AuditLog audit) {
        UpstreamTimer timer = new UpstreamTimer(audit, "sts");
        return command -> timer.time(() -> issuer.assumeRole(command));
    }

    /** Every IAM call, as service {@code iam}. */
    public static IamUsers iam(IamUsers users, AuditLog audit) {
        return new TimedIamUsers(users, audit);
    }
}
