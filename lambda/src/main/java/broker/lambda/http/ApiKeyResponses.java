package broker.lambda.http;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityResolver;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the API-key and admin routes share: the caller's identity, one rendering of {@link ApiKeyOutcome},
 * and one audit line per creation, deletion, revocation or refusal (key ids, never a secret).
 */
final class ApiKeyResponses {
    /** Audit lines carry an admin-supplied subject; a real one is far shorter. */
    private static final int MAX_TARGET = 256;

    private final IdentityResolver identities;
    private final AuditLog audit;
    private final Responses responses;

    ApiKeyResponses(IdentityResolver identities, AuditLog audit, Responses responses) {
        this.identities = identities;
        this.audit = audit;
        this.responses = responses;
    }

    interface AuthenticatedRoute {
        APIGatewayV2HTTPResponse handle(ApiRequest request, Identity identity);
    }

    APIGatewayV2HTTPResponse authenticated(ApiRequest request, String action, AuthenticatedRoute route) {
        Optional<Identity> identity = identities.resolve(request.claims());
        if (identity.isEmpty()) {
            audit.record(line(request, action, AuditEvent.REFUSED, ProblemType.UNAUTHORIZED.slug(), null, null, null, null));
            return responses.problem(ProblemType.UNAUTHORIZED, "Sign in again: the token carries no subject.", request.requestId());
        }
        return route.handle(request, identity.get());
    }

    APIGatewayV2HTTPResponse refuse(ApiRequest request, String action, Identity identity, String target, ProblemType type,
                                    String detail) {
        audit.record(line(request, action, AuditEvent.REFUSED, type.slug(), identity, null, null, target));
        return responses.problem(type, detail, request.requestId());
    }

    /**
     * @param target the subject an admin acted on, or null for the caller's own keys
     */
    APIGatewayV2HTTPResponse render(ApiRequest request, String action, Identity identity, String target, ApiKeyOutcome outcome) {
        String id = request.requestId();
        return switch (outcome) {
            case ApiKeyOutcome.Created(var key, var secret, var iamUser) -> {
                audit.record(line(request, action, AuditEvent.ISSUED, null, identity, key.id(), key.expiration(), target));
                yield responses.ok(201, ApiKeyViews.Created.of(key, secret));
            }
            case ApiKeyOutcome.Listed(var keys, var maxKeys) ->
                    responses.ok(new ApiKeyViews.Keys(keys.stream().map(ApiKeyViews.Key::of).toList(), maxKeys));
            case ApiKeyOutcome.Deleted(var keyId) -> {
                audit.record(line(request, action, AuditEvent.REVOKED, null, identity, keyId, null, target));
                yield responses.noContent();
            }
            case ApiKeyOutcome.SessionsRevoked(var issuedBefore, var pattern) -> {
                // The denied SourceIdentity pattern goes where CloudTrail readers look for it: the audit line's cause.
                audit.record(line(request, action, AuditEvent.REVOKED, null, "aws:SourceIdentity=" + pattern, identity,
                        null, issuedBefore, target));
                yield responses.ok(new ApiKeyViews.Revoked(target, issuedBefore.toString(), pattern));
            }
            case ApiKeyOutcome.PersonNotFound() -> refuse(request, action, identity, target, ProblemType.PERSON_NOT_FOUND,
                    "The broker has never issued anything to this person: name them by the subject (sub claim) or the"
                            + " email they signed in with.");
            case ApiKeyOutcome.NotEntitled(var detail) -> refuse(request, action, identity, target, ProblemType.NOT_ENTITLED, detail);
            case ApiKeyOutcome.NotAdmin() -> refuse(request, action, identity, target, ProblemType.ADMIN_REQUIRED,
                    "This route is for members of the broker's admin groups.");
            case ApiKeyOutcome.InvalidAge(var requested, var max) -> refuse(request, action, identity, target,
                    ProblemType.INVALID_AGE, "ageDays must be between 1 and " + max + " for you; got " + requested + ".");
            case ApiKeyOutcome.InvalidLabel(var detail) -> refuse(request, action, identity, target, ProblemType.INVALID_FIELD, detail);
            case ApiKeyOutcome.InvalidUser() -> refuse(request, action, identity, target, ProblemType.INVALID_FIELD,
                    "Name the person by their subject (the sub claim) or email, URL-encoded.");
            case ApiKeyOutcome.LimitReached(var max) -> refuse(request, action, identity, target, ProblemType.API_KEY_LIMIT,
                    "You already hold " + max + " long-term API key" + (max == 1 ? "" : "s")
                            + ", the most you may; delete one first (expired keys count until deleted).");
            case ApiKeyOutcome.KeyNotFound() -> refuse(request, action, identity, target, ProblemType.API_KEY_NOT_FOUND,
                    "No such API key.");
            case ApiKeyOutcome.UpstreamThrottled(var retryAfter) -> refuse(request, action, identity, target,
                    ProblemType.THROTTLED, "AWS IAM is throttling the broker; retry shortly.", retryAfter);
            case ApiKeyOutcome.UpstreamUnavailable(var retryAfter) -> refuse(request, action, identity, target,
                    ProblemType.UPSTREAM_UNAVAILABLE, "AWS IAM is not answering; retry shortly.", retryAfter);
            case ApiKeyOutcome.UpstreamRefused(var code) -> {
                audit.record(line(request, action, AuditEvent.REFUSED, ProblemType.UPSTREAM_REFUSED.slug(), code,
                        identity, null, null, target));
                yield responses.problem(ProblemType.UPSTREAM_REFUSED,
                        "AWS refused the broker's request; quote request id " + id + " to your platform team.", id);
            }
        };
    }

    private APIGatewayV2HTTPResponse refuse(ApiRequest request, String action, Identity identity, String target,
                                            ProblemType type, String detail, Duration retryAfter) {
        audit.record(line(request, action, AuditEvent.REFUSED, type.slug(), identity, null, null, target));
        return responses.problem(type, detail, request.requestId(), retryAfter);
    }

    private static AuditEvent line(ApiRequest request, String action, String outcome, String reason, Identity identity,
                                   String keyId, Instant expiration, String target) {
        return line(request, action, outcome, reason, null, identity, keyId, expiration, target);
    }

    private static AuditEvent line(ApiRequest request, String action, String outcome, String reason, String cause,
                                   Identity identity, String keyId, Instant expiration, String target) {
        return new AuditEvent(action, outcome, reason, identity == null ? null : identity.subject(),
                identity == null ? null : identity.userName(), keyId, expiration, null, List.of(), request.requestId(),
                request.sourceIp(), request.userAgent(), cause,
                target == null ? null : target.length() > MAX_TARGET ? target.substring(0, MAX_TARGET) : target);
    }
}
