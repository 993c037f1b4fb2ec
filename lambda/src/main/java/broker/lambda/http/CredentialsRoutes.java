package broker.lambda.http;

import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.CatalogWarning;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.issuance.BearerTokenRequest;
import broker.lambda.core.issuance.CredentialsRequest;
import broker.lambda.core.issuance.CredentialsService;
import broker.lambda.core.issuance.Issuance;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials function's routes: {@code GET /v1/me}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}, {@code GET /v1/models}. Each is parse → core → render, with one audit line per issuance or refusal.
 */
public final class CredentialsRoutes {
    public static final String ME = "GET /v1/me";
    public static final String CREDENTIALS = "POST /v1/credentials";
    public static final String BEARER_TOKENS = "POST /v1/bearer-tokens";
    public static final String MODELS = "GET /v1/models";

    private final IdentityResolver identities;
    private final CredentialsService service;
    private final AuditLog audit;
    private final Bodies bodies;
    private final Responses responses;
    private final Dispatcher dispatcher;

    public CredentialsRoutes(IdentityResolver identities, CredentialsService service, AuditLog audit,
                             Bodies bodies, Responses responses) {
        this.identities = identities;
        this.service = service;
        this.audit = audit;
        this.bodies = bodies;
        this.responses = responses;
        this.dispatcher = new Dispatcher(Map.of(
                ME, request -> authenticated(request, "me", this::me),
                CREDENTIALS, request -> authenticated(request, "credentials", this::credentials),
                BEARER_TOKENS, request -> authenticated(request, "bearer-token", this::bearerToken),
                MODELS, request -> authenticated(request, "models", this::models)), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    private interface AuthenticatedRoute {
        APIGatewayV2HTTPResponse handle(ApiRequest request, Identity identity);
    }

    private APIGatewayV2HTTPResponse authenticated(ApiRequest request, String action, AuthenticatedRoute route) {
        Optional<Identity> identity = identities.resolve(request.claims());
        if (identity.isEmpty()) {
            audit.record(refusal(request, action, null, ProblemType.UNAUTHORIZED, null));
            return responses.problem(ProblemType.UNAUTHORIZED, "Sign in again: the token carries no subject.", request.requestId());
        }
        return route.handle(request, identity.get());
    }

    private APIGatewayV2HTTPResponse me(ApiRequest request, Identity identity) {
        // Admins see what the model catalog says about the whole document; nobody else sees any of it.
        List<CatalogWarning> warnings = service.isAdmin(identity) ? service.catalogWarnings() : null;
        return responses.ok(Views.Me.of(identity, service.entitlementOf(identity).orElse(null), warnings));
    }

    private APIGatewayV2HTTPResponse models(ApiRequest request, Identity identity) {
        return service.models(identity)
                .map(list -> responses.ok(Views.Models.of(list)))
                .orElseGet(() -> refuse(request, "models", identity, ProblemType.NOT_ENTITLED,
                        "No entitlement applies to you: ask your platform team to add one of your groups."));
    }

    private APIGatewayV2HTTPResponse credentials(ApiRequest request, Identity identity) {
        return switch (bodies.read(request, CredentialsRequest.class, CredentialsRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<CredentialsRequest>(var type, var detail) -> refuse(request, "credentials", identity, type, detail);
            case Bodies.Parsed.Ok<CredentialsRequest>(var body) -> render(request, "credentials", identity, body.models(),
                    service.credentials(identity, body));
        };
    }

    private APIGatewayV2HTTPResponse bearerToken(ApiRequest request, Identity identity) {
        return switch (bodies.read(request, BearerTokenRequest.class, BearerTokenRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<BearerTokenRequest>(var type, var detail) -> refuse(request, "bearer-token", identity, type, detail);
            case Bodies.Parsed.Ok<BearerTokenRequest>(var body) -> render(request, "bearer-token", identity, List.of(),
                    service.bearerToken(identity, body));
        };
    }

    private APIGatewayV2HTTPResponse render(ApiRequest request, String action, Identity identity, List<String> models,
                                            Issuance issuance) {
        String id = request.requestId();
        return switch (issuance) {
            case Issuance.CredentialsIssued(var credentials, var region, var policySource) -> {
                audit.record(new AuditEvent(action, AuditEvent.ISSUED, null, identity.subject(), identity.userName(),
                        credentials.accessKeyId(), credentials.expiration(), region, models, id, request.sourceIp(),
                        request.userAgent(), null, null, policySource.label()));
                yield responses.ok(Views.Credentials.of(credentials, region));
            }
            case Issuance.TokenIssued(var token, var accessKeyId, var policySource) -> {
                audit.record(new AuditEvent(action, AuditEvent.ISSUED, null, identity.subject(), identity.userName(),
                        accessKeyId, token.expiration(), token.region(), models, id, request.sourceIp(),
                        request.userAgent(), null, null, policySource.label()));
                yield responses.ok(Views.Token.of(token));
            }
            case Issuance.NotEntitled(var detail) -> refuse(request, action, identity, ProblemType.NOT_ENTITLED, detail);
            case Issuance.InvalidDuration(var requested, var min, var max) -> refuse(request, action, identity,
                    ProblemType.INVALID_DURATION, "durationSeconds must be between " + min + " and " + max + " for you; got " + requested + ".");
            case Issuance.RegionNotAllowed(var region) -> refuse(request, action, identity, ProblemType.REGION_NOT_ALLOWED,
                    "Your entitlement does not include region " + Text.printable(region) + ".");
            case Issuance.ModelNotAllowed(var model) -> refuse(request, action, identity, ProblemType.MODEL_NOT_ALLOWED,
                    "Your entitlement does not include model " + Text.printable(model) + " in the requested region.");
            case Issuance.NarrowingTooLarge(var requested) -> refuse(request, action, identity, ProblemType.MODEL_NOT_ALLOWED,
                    "A session policy allowing exactly these " + requested.size() + " models would be longer than AWS STS"
                            + " accepts: ask for fewer models at a time, or for the family your entitlement names.");
            case Issuance.UpstreamThrottled(var retryAfter) -> refuse(request, action, identity, ProblemType.THROTTLED,
                    "AWS STS is throttling the broker; retry shortly.", retryAfter);
            case Issuance.UpstreamUnavailable(var retryAfter) -> refuse(request, action, identity, ProblemType.UPSTREAM_UNAVAILABLE,
                    "AWS STS is not answering; retry shortly.", retryAfter);
            case Issuance.UpstreamRefused(var code) -> {
                audit.record(refusal(request, action, identity, ProblemType.UPSTREAM_REFUSED, "sts:" + code));
                yield responses.problem(ProblemType.UPSTREAM_REFUSED,
                        "AWS refused the broker's request; quote request id " + id + " to your platform team.", id);
            }
        };
    }

    private APIGatewayV2HTTPResponse refuse(ApiRequest request, String action, Identity identity, ProblemType type, String detail) {
        return refuse(request, action, identity, type, detail, null);
    }

    private APIGatewayV2HTTPResponse refuse(ApiRequest request, String action, Identity identity, ProblemType type,
                                            String detail, java.time.Duration retryAfter) {
        audit.record(refusal(request, action, identity, type, null));
        return responses.problem(type, detail, request.requestId(), retryAfter);
    }

    private static AuditEvent refusal(ApiRequest request, String action, Identity identity, ProblemType type, String cause) {
        return new AuditEvent(action, AuditEvent.REFUSED, type.slug(),
                identity == null ? null : identity.subject(), identity == null ? null : identity.userName(),
                null, (Instant) null, null, List.of(), request.requestId(), request.sourceIp(), request.userAgent(), cause);
    }
}
