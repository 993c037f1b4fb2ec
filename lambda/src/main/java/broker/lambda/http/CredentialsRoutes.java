package broker.lambda.http;

import broker.contract.ApiRoutes;
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
import java.util.List;
import java.util.Map;

/**
 * The credentials function's routes: {@code GET /v1/me}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}, {@code GET /v1/models}. Each is parse → core → render, with one audit line per issuance or refusal.
 */
public final class CredentialsRoutes {

    private final CredentialsService service;
    private final AuditedRoutes audited;
    private final Bodies bodies;
    private final Responses responses;
    private final Dispatcher dispatcher;

    public CredentialsRoutes(IdentityResolver identities, CredentialsService service, AuditLog audit,
                             Bodies bodies, Responses responses) {
        this.service = service;
        this.audited = new AuditedRoutes(identities, audit, responses);
        this.bodies = bodies;
        this.responses = responses;
        this.dispatcher = new Dispatcher(Map.ofEntries(
                audited.route(ApiRoutes.ME, this::me),
                audited.route(ApiRoutes.CREDENTIALS_ROUTE, this::credentials),
                audited.route(ApiRoutes.BEARER_TOKENS, this::bearerToken),
                audited.route(ApiRoutes.MODELS, this::models)), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    private APIGatewayV2HTTPResponse me(AuditedRoutes.Call call) {
        Identity identity = call.identity();
        // Admins see what the model catalog says about the whole document; nobody else sees any of it.
        List<CatalogWarning> warnings = service.isAdmin(identity) ? service.catalogWarnings() : null;
        return responses.ok(Views.Me.of(identity, service.entitlementOf(identity).orElse(null), warnings,
                service.budgetStatus(identity).orElse(null)));
    }

    private APIGatewayV2HTTPResponse models(AuditedRoutes.Call call) {
        return service.models(call.identity())
                .map(list -> responses.ok(Views.Models.of(list)))
                .orElseGet(() -> audited.refuse(call, ProblemType.NOT_ENTITLED,
                        "No entitlement applies to you: ask your platform team to add one of your groups."));
    }

    private APIGatewayV2HTTPResponse credentials(AuditedRoutes.Call call) {
        return switch (bodies.read(call.request(), CredentialsRequest.class, CredentialsRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<CredentialsRequest>(var type, var detail) -> audited.refuse(call, type, detail);
            case Bodies.Parsed.Ok<CredentialsRequest>(var body) ->
                    render(call, body.models(), service.credentials(call.identity(), body));
        };
    }

    private APIGatewayV2HTTPResponse bearerToken(AuditedRoutes.Call call) {
        return switch (bodies.read(call.request(), BearerTokenRequest.class, BearerTokenRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<BearerTokenRequest>(var type, var detail) -> audited.refuse(call, type, detail);
            case Bodies.Parsed.Ok<BearerTokenRequest>(var body) ->
                    render(call, List.of(), service.bearerToken(call.identity(), body));
        };
    }

    private APIGatewayV2HTTPResponse render(AuditedRoutes.Call call, List<String> models, Issuance issuance) {
        return switch (issuance) {
            case Issuance.CredentialsIssued(var credentials, var region, var policySource, var budget) -> audited.issued(call,
                    new AuditEvent.Issued(credentials.accessKeyId(), credentials.expiration(), region, models,
                            policySource.label()),
                    responses.ok(Views.Credentials.of(credentials, region, budget)));
            case Issuance.TokenIssued(var token, var accessKeyId, var policySource, var budget) -> audited.issued(call,
                    new AuditEvent.Issued(accessKeyId, token.expiration(), token.region(), models, policySource.label()),
                    responses.ok(Views.Token.of(token, budget)));
            case Issuance.BudgetExhausted(var exhausted) -> audited.budgetExhausted(call, exhausted);
            case Issuance.NotEntitled(var detail) -> audited.refuse(call, ProblemType.NOT_ENTITLED, detail);
            case Issuance.InvalidDuration(var requested, var min, var max) -> audited.refuse(call,
                    ProblemType.INVALID_DURATION, "durationSeconds must be between " + min + " and " + max + " for you; got " + requested + ".");
            case Issuance.RegionNotAllowed(var region) -> audited.refuse(call, ProblemType.REGION_NOT_ALLOWED,
                    "Your entitlement does not include region " + Text.printable(region) + ".");
            case Issuance.ModelNotAllowed(var model) -> audited.refuse(call, ProblemType.MODEL_NOT_ALLOWED,
                    "Your entitlement does not include model " + Text.printable(model) + " in the requested region.");
            case Issuance.NarrowingTooLarge(var requested) -> audited.refuse(call, ProblemType.MODEL_NOT_ALLOWED,
                    "A session policy allowing exactly these " + requested.size() + " models would be longer than AWS STS"
                            + " accepts: ask for fewer models at a time, or for the family your entitlement names.");
            case Issuance.UpstreamFailed(var failure) -> audited.upstream(call, failure);
        };
    }
}
