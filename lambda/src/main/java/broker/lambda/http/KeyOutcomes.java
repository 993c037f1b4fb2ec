package broker.lambda.http;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.audit.AuditEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * One rendering of {@link ApiKeyOutcome} for the API-key and admin routes, audited by {@link AuditedRoutes}: one line
 * per creation, deletion, revocation or refusal (key ids, never a secret).
 */
final class KeyOutcomes {
    private final AuditedRoutes audited;
    private final Responses responses;

    KeyOutcomes(AuditedRoutes audited, Responses responses) {
        this.audited = audited;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse render(AuditedRoutes.Call call, ApiKeyOutcome outcome) {
        return switch (outcome) {
            case ApiKeyOutcome.Created(var key, var secret, var iamUser, var budget) -> audited.issued(call,
                    AuditEvent.Issued.key(key.id(), key.expiration()),
                    responses.ok(201, ApiKeyViews.Created.of(key, secret, Views.BudgetView.of(budget))));
            case ApiKeyOutcome.BudgetExhausted(var exhausted) -> audited.budgetExhausted(call, exhausted);
            case ApiKeyOutcome.Listed(var keys, var maxKeys) ->
                    responses.ok(new ApiKeyViews.Keys(keys.stream().map(ApiKeyViews.Key::of).toList(), maxKeys));
            case ApiKeyOutcome.BudgetOverridden(var subject, var override) -> audited.changed(call,
                    new AuditEvent.Changed(override.expiresAt(), ApiKeyViews.BudgetOverride.describe(override)),
                    responses.ok(ApiKeyViews.BudgetOverride.of(subject, override)));
            case ApiKeyOutcome.InvalidBudget(var detail) -> audited.refuse(call, ProblemType.INVALID_FIELD, detail);
            case ApiKeyOutcome.Deleted(var keyId) ->
                    audited.revoked(call, new AuditEvent.Revoked(keyId, null), responses.noContent());
            case ApiKeyOutcome.SessionsRevoked(var issuedBefore, var pattern) -> audited.revoked(call,
                    new AuditEvent.Revoked(null, issuedBefore, pattern),
                    responses.ok(new ApiKeyViews.Revoked(call.target(), issuedBefore.toString(), pattern)));
            case ApiKeyOutcome.PersonNotFound() -> audited.refuse(call, ProblemType.PERSON_NOT_FOUND,
                    "The broker has never issued anything to this person: name them by the subject (sub claim) or the"
                            + " email they signed in with.");
            case ApiKeyOutcome.AmbiguousUser(var issuers) -> audited.refuse(call, ProblemType.AMBIGUOUS_USER,
                    "People of several issuers have this subject or email (" + String.join(", ", issuers)
                            + "): name one with ?issuer=.");
            case ApiKeyOutcome.NotEntitled(var detail) -> audited.refuse(call, ProblemType.NOT_ENTITLED, detail);
            case ApiKeyOutcome.NotAdmin() -> audited.refuse(call, ProblemType.ADMIN_REQUIRED,
                    "This route is for members of the broker's admin groups.");
            case ApiKeyOutcome.InvalidAge(var requested, var max) -> audited.refuse(call, ProblemType.INVALID_AGE,
                    "ageDays must be between 1 and " + max + " for you; got " + requested + ".");
            case ApiKeyOutcome.InvalidLabel(var detail) -> audited.refuse(call, ProblemType.INVALID_FIELD, detail);
            case ApiKeyOutcome.InvalidUser() -> audited.refuse(call, ProblemType.INVALID_FIELD,
                    "Name the person by their subject (the sub claim) or email, URL-encoded.");
            case ApiKeyOutcome.LimitReached(var max) -> audited.refuse(call, ProblemType.API_KEY_LIMIT,
                    "You already hold " + max + " long-term API key" + (max == 1 ? "" : "s")
                            + ", the most you may; delete one first (expired keys count until deleted).");
            case ApiKeyOutcome.KeyNotFound() -> audited.refuse(call, ProblemType.API_KEY_NOT_FOUND, "No such API key.");
            case ApiKeyOutcome.UpstreamFailed(var failure) -> audited.upstream(call, failure);
        };
    }
}
