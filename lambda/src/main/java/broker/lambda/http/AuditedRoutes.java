package broker.lambda.http;

import broker.contract.ApiRoute;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.upstream.UpstreamFailure;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every signed-in route does around its use case: resolves the caller from the verified claims (or refuses with
 * 401), and writes exactly one audit line per issuance, revocation or refusal, with the route's action from the
 * contract. Upstream failures are rendered here, the same for STS and IAM.
 */
final class AuditedRoutes {
    /** Audit lines carry an admin-supplied subject; a real one is far shorter. */
    private static final int MAX_TARGET = 256;

    private final IdentityResolver identities;
    private final AuditLog audit;
    private final Responses responses;

    AuditedRoutes(IdentityResolver identities, AuditLog audit, Responses responses) {
        this.identities = identities;
        this.audit = audit;
        this.responses = responses;
    }

    /**
     * One audited request.
     *
     * @param request  the request
     * @param action   the route's audit action
     * @param identity the signed-in caller, or null when the token carries no usable identity
     * @param target   the subject an admin acts on, or null (audit lines cut it to {@value #MAX_TARGET} characters)
     */
    record Call(ApiRequest request, String action, Identity identity, String target) {

        /** The same call, acting on another person. */
        Call on(String user) {
            return new Call(request, action, identity, user);
        }

        String requestId() {
            return request.requestId();
        }

        AuditEvent.Actor actor() {
            String cut = target == null || target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET);
            return identity == null ? new AuditEvent.Actor(null, null, cut)
                    : new AuditEvent.Actor(identity.subject(), identity.userName(), cut);
        }
    }

    /** A signed-in route's use case. */
    interface Body {
        APIGatewayV2HTTPResponse handle(Call call);
    }

    /** The dispatcher entry of a signed-in route: its key, and the caller resolved before {@code body} runs. */
    Map.Entry<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> route(ApiRoute route, Body body) {
        return Map.entry(route.key(), request -> {
            return switch (identities.resolution(request.claims(), request.tokenPayload())) {
                case IdentityResolver.Resolution.Refused(var reason) -> {
                    Call call = new Call(request, route.action(), null, null);
                    record(call, new AuditEvent.Refused(ProblemType.UNAUTHORIZED.slug(), reason));
                    yield responses.problem(ProblemType.UNAUTHORIZED, "Sign in again: the token names no caller"
                            + " this broker accepts.", call.requestId(), null);
                }
                case IdentityResolver.Resolution.Resolved(var identity) ->
                        body.handle(new Call(request, route.action(), identity, null));
            };
        });
    }

    /** Records the issuance and answers {@code answer}. */
    APIGatewayV2HTTPResponse issued(Call call, AuditEvent.Issued issued, APIGatewayV2HTTPResponse answer) {
        record(call, issued);
        return answer;
    }

    /** Records the revocation and answers {@code answer}. */
    APIGatewayV2HTTPResponse revoked(Call call, AuditEvent.Revoked revoked, APIGatewayV2HTTPResponse answer) {
        record(call, revoked);
        return answer;
    }

    /** Records the change and answers {@code answer}. */
    APIGatewayV2HTTPResponse changed(Call call, AuditEvent.Changed changed, APIGatewayV2HTTPResponse answer) {
        record(call, changed);
        return answer;
    }

    /** Records the refusal and answers the problem. */
    APIGatewayV2HTTPResponse refuse(Call call, ProblemType type, String detail) {
        return refuse(call, type, detail, null);
    }

    /** Records the refusal and answers the problem with {@code Retry-After} when {@code retryAfter} is given. */
    APIGatewayV2HTTPResponse refuse(Call call, ProblemType type, String detail, Duration retryAfter) {
        record(call, new AuditEvent.Refused(type.slug(), null));
        return responses.problem(type, detail, call.requestId(), retryAfter);
    }

    /** Records the refusal and answers the problem with {@code Retry-After} and extension members. */
    APIGatewayV2HTTPResponse refuse(Call call, ProblemType type, String detail, Duration retryAfter,
                                    Map<String, Object> extensions) {
        record(call, new AuditEvent.Refused(type.slug(), null));
        return responses.problem(type, detail, call.requestId(), retryAfter, extensions);
    }

    /**
     * The person's spend reached a cap: 429 {@code budget-exhausted} with {@code Retry-After} until the reset, a
     * {@code detail} naming the cap and the reset, and the {@code budget} object.
     */
    APIGatewayV2HTTPResponse budgetExhausted(Call call, broker.lambda.core.budget.BudgetDecision.Exhausted exhausted) {
        var cap = exhausted.cap();
        String period = cap.period() == broker.lambda.core.usage.Period.Kind.DAY ? "daily" : "monthly";
        String detail = "Your " + period + " budget of $" + Views.usd(cap.limitMicroUsd()).setScale(2, java.math.RoundingMode.HALF_UP)
                + " is used up ($" + Views.usd(cap.usedMicroUsd()).setScale(2, java.math.RoundingMode.HALF_UP)
                + " spent); the broker issues credentials again at " + exhausted.resetsAt() + ".";
        return refuse(call, ProblemType.BUDGET_EXHAUSTED, detail, exhausted.retryAfter(),
                Map.of("budget", Views.BudgetView.of(exhausted)));
    }

    /** An AWS service failed the broker's call: retry later, or (refused) tell the platform team the request id. */
    APIGatewayV2HTTPResponse upstream(Call call, UpstreamFailure failure) {
        String service = failure.service().toUpperCase(Locale.ROOT);
        return switch (failure) {
            case UpstreamFailure.Throttled(var name, var retryAfter) -> refuse(call, ProblemType.THROTTLED,
                    "AWS " + service + " is throttling the broker; retry shortly.", retryAfter);
            case UpstreamFailure.Unavailable(var name, var retryAfter) -> refuse(call, ProblemType.UPSTREAM_UNAVAILABLE,
                    "AWS " + service + " is not answering; retry shortly.", retryAfter);
            case UpstreamFailure.Refused(var name, var code) -> {
                record(call, new AuditEvent.Refused(ProblemType.UPSTREAM_REFUSED.slug(), name + ":" + code));
                yield responses.problem(ProblemType.UPSTREAM_REFUSED, "AWS refused the broker's request; quote request id "
                        + call.requestId() + " to your platform team.", call.requestId());
            }
        };
    }

    private void record(Call call, AuditEvent.Result result) {
        ApiRequest request = call.request();
        // What the broker ignored in the caller's claims (an ambiguous groups claim) explains a refusal.
        if (result instanceof AuditEvent.Refused(var reason, var cause) && cause == null && call.identity() != null
                && call.identity().note() != null) {
            result = new AuditEvent.Refused(reason, call.identity().note());
        }
        audit.record(new AuditEvent(call.action(),
                new AuditEvent.Request(request.requestId(), request.sourceIp(), request.userAgent()), call.actor(), result));
    }
}
