package broker.lambda.core.audit;

import broker.lambda.core.Require;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audit line: who asked for what, and what they got. Holds identifiers only, never a secret: the access key id,
 * never the secret key, session token, bearer token or JWT. The line's fields are the accessors below.
 *
 * @param action  what was asked: the route's action ({@code credentials}, {@code bearer-token}, {@code me}, ...)
 * @param request where the request came from
 * @param actor   who asked, and whom an admin acted on
 * @param result  what they got
 */
public record AuditEvent(String action, Request request, Actor actor, Result result) {
    public static final String ISSUED = "issued";
    public static final String REFUSED = "refused";
    /** A key was deleted or sessions were revoked. */
    public static final String REVOKED = "revoked";
    /** A setting was changed: a budget override set, keys reactivated at a budget reset. */
    public static final String CHANGED = "changed";

    public AuditEvent {
        Require.nonNull("action request actor result", action, request, actor, result);
    }

    /**
     * Where a request came from.
     *
     * @param requestId API Gateway's request id
     * @param sourceIp  the caller's IP
     * @param userAgent the caller's user agent
     */
    public record Request(String requestId, String sourceIp, String userAgent) {}

    /**
     * Who asked.
     *
     * @param subject  the caller's {@code sub}, or null when unauthenticated
     * @param userName the caller's user name, or null
     * @param target   the subject of the person an admin acted on, or null when callers act on themselves
     */
    public record Actor(String subject, String userName, String target) {
        /** A caller without a usable identity. */
        public static final Actor ANONYMOUS = new Actor(null, null, null);
    }

    /** What the caller got. */
    public sealed interface Result {}

    /**
     * A credential was issued: STS credentials, a short-term key or a long-term key.
     *
     * @param accessKeyId  the issued access key id (for bearer tokens: the signing key), or the long-term key's id
     * @param expiration   when it expires
     * @param region       the region of use, or null
     * @param models       the models the session was narrowed to (empty: all entitled)
     * @param policySource for STS credentials and short-term keys: {@code catalog} when the session policy came from
     *                     the model catalog, {@code static} when from the entitlements alone; else null
     */
    public record Issued(String accessKeyId, Instant expiration, String region, List<String> models,
                         String policySource) implements Result {
        public Issued {
            models = models == null ? List.of() : List.copyOf(models);
        }

        /** A long-term key: no region, models or session policy. */
        public static Issued key(String keyId, Instant expiration) {
            return new Issued(keyId, expiration, null, List.of(), null);
        }
    }

    /**
     * The request was refused.
     *
     * @param reason the problem slug
     * @param cause  for the operators, what lay behind it (e.g. {@code sts:AccessDenied}), or null
     */
    public record Refused(String reason, String cause) implements Result {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A long-term key was deleted, or sessions were revoked.
     *
     * @param keyId                 the deleted key's id, or null for sessions
     * @param issuedBefore          sessions issued before this instant are denied, or null for a key
     * @param sourceIdentityPattern the {@code aws:SourceIdentity} pattern the deny matches ({@code *-<subject hash>},
     *                              or {@code *} for everyone), or null for a key
     */
    public record Revoked(String keyId, Instant issuedBefore, String sourceIdentityPattern) implements Result {
        /** A deleted key, or sessions without a pattern. */
        public Revoked(String keyId, Instant issuedBefore) {
            this(keyId, issuedBefore, null);
        }
    }

    /**
     * A setting was changed: an admin's budget override of a person (until it expires), or a person's long-term keys
     * reactivated at their budget's reset.
     *
     * @param until  when the change stops applying (an override's expiry), or null
     * @param detail what changed, for the operators (e.g. {@code dailyUsd=50 monthlyUsd=none}); never a secret
     */
    public record Changed(Instant until, String detail) implements Result {}

    /** What changed, for a {@link Changed} result, or null. */
    public String detail() {
        return result instanceof Changed c ? c.detail() : null;
    }

    /** The SourceIdentity pattern revoked sessions were denied by, or null. */
    public String sourceIdentityPattern() {
        return result instanceof Revoked r ? r.sourceIdentityPattern() : null;
    }

    /** {@value #ISSUED}, {@value #REFUSED}, {@value #REVOKED} or {@value #CHANGED}. */
    public String outcome() {
        return switch (result) {
            case Issued i -> ISSUED;
            case Refused r -> REFUSED;
            case Revoked r -> REVOKED;
            case Changed c -> CHANGED;
        };
    }

    /** The problem slug when refused, else null. */
    public String reason() {
        return result instanceof Refused(var reason, var cause) ? reason : null;
    }

    /** For the operators, what lay behind a refusal, or null. */
    public String cause() {
        return result instanceof Refused(var reason, var cause) ? cause : null;
    }

    /** The issued access key id or long-term key id, or the deleted key's id, or null. */
    public String accessKeyId() {
        return switch (result) {
            case Issued i -> i.accessKeyId();
            case Revoked r -> r.keyId();
            case Refused r -> null;
            case Changed c -> null;
        };
    }

    /** When the issued credential expires, or before when revoked sessions were issued, or null. */
    public Instant expiration() {
        return switch (result) {
            case Issued i -> i.expiration();
            case Revoked r -> r.issuedBefore();
            case Refused r -> null;
            case Changed c -> c.until();
        };
    }

    /** The region of use of issued credentials, or null. */
    public String region() {
        return result instanceof Issued i ? i.region() : null;
    }

    /** The models an issued session was narrowed to (empty: all entitled, or nothing issued). */
    public List<String> models() {
        return result instanceof Issued i ? i.models() : List.of();
    }

    /** How an issued session policy was derived ({@code catalog} or {@code static}), or null. */
    public String policySource() {
        return result instanceof Issued i ? i.policySource() : null;
    }

    public String subject() {
        return actor.subject();
    }

    public String userName() {
        return actor.userName();
    }

    public String target() {
        return actor.target();
    }

    public String requestId() {
        return request.requestId();
    }

    public String sourceIp() {
        return request.sourceIp();
    }

    public String userAgent() {
        return request.userAgent();
    }
}
