package broker.lambda.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit line: who asked for what, and what they got. Holds identifiers only, never a secret:
 * the access key id, never the secret key, session token, bearer token or JWT.
 *
 * @param action      what was asked: {@code credentials}, {@code bearer-token}, {@code me}, ...
 * @param outcome     {@code issued}, {@code refused} or {@code revoked}
 * @param reason      the problem slug when refused, else null
 * @param subject     the caller's {@code sub}, or null when unauthenticated
 * @param userName    the caller's user name, or null
 * @param accessKeyId the issued access key id (also for bearer tokens: the signing key), or the long-term API
 *                    key's id (created or deleted), or null
 * @param expiration  when the issued credential expires, or null
 * @param region      the region of use, or null
 * @param models      the models the session was narrowed to (empty: all entitled)
 * @param requestId   API Gateway's request id
 * @param sourceIp    the caller's IP
 * @param userAgent   the caller's user agent
 * @param cause       for the operators, what lay behind a refusal (e.g. {@code sts:AccessDenied}), or null
 * @param target      the subject of the person an admin acted on, or null when callers act on themselves
 * @param policySource for issued STS credentials and short-term keys: {@code catalog} when the session policy came
 *                    from the model catalog, {@code static} when from the entitlements alone; else null
 */
public record AuditEvent(String action, String outcome, String reason, String subject, String userName,
                         String accessKeyId, Instant expiration, String region, List<String> models,
                         String requestId, String sourceIp, String userAgent, String cause, String target,
                         String policySource) {
    public static final String ISSUED = "issued";
    public static final String REFUSED = "refused";
    /** A key was deleted or sessions were revoked. */
    public static final String REVOKED = "revoked";

    public AuditEvent {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** An event without a session policy. */
    public AuditEvent(String action, String outcome, String reason, String subject, String userName,
                      String accessKeyId, Instant expiration, String region, List<String> models,
                      String requestId, String sourceIp, String userAgent, String cause, String target) {
        this(action, outcome, reason, subject, userName, accessKeyId, expiration, region, models,
                requestId, sourceIp, userAgent, cause, target, null);
    }

    /** An event about the caller's own request (no {@code target}). */
    public AuditEvent(String action, String outcome, String reason, String subject, String userName,
                      String accessKeyId, Instant expiration, String region, List<String> models,
                      String requestId, String sourceIp, String userAgent, String cause) {
        this(action, outcome, reason, subject, userName, accessKeyId, expiration, region, models,
                requestId, sourceIp, userAgent, cause, null, null);
    }

    /** An event without a cause or target. */
    public AuditEvent(String action, String outcome, String reason, String subject, String userName,
                      String accessKeyId, Instant expiration, String region, List<String> models,
                      String requestId, String sourceIp, String userAgent) {
        this(action, outcome, reason, subject, userName, accessKeyId, expiration, region, models,
                requestId, sourceIp, userAgent, null, null, null);
    }
}
