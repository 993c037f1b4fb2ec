package broker.infra.construct;

import broker.contract.ApiRoute;
import broker.contract.CorsPolicy;
import broker.infra.config.StackConfig;
import broker.lambda.core.Require;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The broker's HTTP API: one route per {@link ApiRoute} to that function's alias, the JWT authorizer on
 * every authorized route, CORS for the configured portal origins, and a {@code $default} stage with JSON access logs,
 * default throttling for the signed-in routes and tighter per-route limits for the public and admin routes.
 */
public final class BrokerApi extends Construct {

    /**
     * @param issuer         the OIDC issuer whose tokens the authorizer accepts
     * @param audiences      accepted {@code aud} (or {@code client_id}) values
     * @param functions      the functions whose routes the API serves
     * @param allowedOrigins CORS origins; empty: no CORS configuration
     * @param throttling     the signed-in routes' (the stage default), public routes' and admin routes' limits
     * @param logRetention   retention of the access log group
     * @param removalPolicy  what happens to the access log group when the stack is deleted
     * @param issuersAuthorizer the broker's Lambda authorizer (several issuers), or null: API Gateway's JWT authorizer
     *                       for {@code issuer} and {@code audiences}
     */
    public record Props(String issuer, List<String> audiences, List<Functions.Deployed> functions,
                        List<String> allowedOrigins, StackConfig.Throttling throttling, RetentionDays logRetention,
                        RemovalPolicy removalPolicy, Functions.Deployed issuersAuthorizer) {
        public Props {
            Objects.requireNonNull(issuer, "issuer");
            audiences = List.copyOf(audiences);
            functions = List.copyOf(functions);
            allowedOrigins = List.copyOf(allowedOrigins);
            Require.nonNull("throttling logRetention removalPolicy", throttling, logRetention, removalPolicy);
        }

        /** One issuer: the JWT authorizer. */
        public Props(String issuer, List<String> audiences, List<Functions.Deployed> functions,
                     List<String> allowedOrigins, StackConfig.Throttling throttling, RetentionDays logRetention,
                     RemovalPolicy removalPolicy) {
            this(issuer, audiences, functions, allowedOrigins, throttling, logRetention, removalPolicy, null);
        }
    }

    /**
     * How long API Gateway reuses the Lambda authorizer's answer for the same {@code Authorization} header. A token stays
     * accepted this long past its {@code exp} at most, which is the 60 s clock skew the verification already allows.
     */
    public static final Duration AUTHORIZER_CACHE = Duration.seconds(60);

    private final HttpApi api;
    private final LogGroup accessLogs;

    public BrokerApi(Construct scope, String id, Props props) {
        super(scope, id);
        var apiBuilder = HttpApi.Builder.create(this, "Api")
                .description("Bedrock Broker API")
                .createDefaultStage(false);
        if (!props.allowedOrigins().isEmpty()) {
            apiBuilder.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(props.allowedOrigins())
                    .allowMethods(CorsPolicy.ALLOWED_METHODS.stream().map(CorsHttpMethod::valueOf).toList())
                    .allowHeaders(CorsPolicy.ALLOWED_HEADERS)
                    // Bearer tokens travel in a header, never in cookies.
                    .allowCredentials(false)
                    .maxAge(Duration.seconds(CorsPolicy.MAX_AGE.toSeconds()))
                    .build());
        }
        api = apiBuilder.build();

        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        HttpStage stage = api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .accessLogSettings(new AccessLogs(new LogGroupLogDestination(accessLogs),
                        props.issuersAuthorizer() != null))
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.throttling().rateLimit())
                        .burstLimit(props.throttling().burstLimit())
                        .build())
                .build());
        Map<String, Object> routeSettings = new TreeMap<>();

        IHttpRouteAuthorizer authorizer = props.issuersAuthorizer() == null
                ? HttpJwtAuthorizer.Builder.create("JwtAuthorizer", props.issuer())
                        .jwtAudience(props.audiences())
                        .build()
                // API Gateway's JWT authorizer takes one issuer; the broker's own verifies every configured one.
                : HttpLambdaAuthorizer.Builder.create("IssuersAuthorizer", props.issuersAuthorizer().alias())
                        .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                        .identitySource(List.of("$request.header.Authorization"))
                        .resultsCacheTtl(AUTHORIZER_CACHE)
                        .build();
        for (Functions.Deployed function : props.functions()) {
            if (function.spec().routes().isEmpty()) continue;
            var integration = new HttpLambdaIntegration(function.spec().function().id() + "Integration",
                    function.alias());
            for (ApiRoute route : function.spec().routes()) {
                List<HttpRoute> added = api.addRoutes(AddRoutesOptions.builder()
                        .path(route.path())
                        .methods(List.of(HttpMethod.valueOf(route.method())))
                        .integration(integration)
                        .authorizer(route.authenticated() ? authorizer : new HttpNoneAuthorizer())
                        .build());
                routeLimits(route, props.throttling()).ifPresent(limits -> {
                    routeSettings.put(route.key(), limits);
                    // A route setting names a route key that must exist before the stage is updated.
                    added.forEach(r -> stage.getNode().addDependency(r));
                });
                if (!route.authenticated()) {
                    added.forEach(r -> Validations.of(r).acknowledge(Acknowledgment.builder()
                            .id("AwsSolutions-APIG4")
                            .reason(route.path() + " is public by design: clients read it before anyone has "
                                    + "signed in, and it returns no user data or secrets.")
                            .build()));
                }
            }
        }
        ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(routeSettings);
    }

    /**
     * A route's own limits where they differ from the stage default: the public bootstrap routes (callable by anyone)
     * get the public limits, the admin routes theirs; every other route takes the stage default.
     */
    static Optional<Map<String, Object>> routeLimits(ApiRoute route, StackConfig.Throttling throttling) {
        if (!route.authenticated()) {
            return Optional.of(limits(throttling.publicRateLimit(), throttling.publicBurstLimit()));
        }
        if (route.path().startsWith(ADMIN_PREFIX)) {
            return Optional.of(limits(throttling.adminRateLimit(), throttling.adminBurstLimit()));
        }
        return Optional.empty();
    }

    /** Where the admin routes live ({@code ApiRoutes}). */
    static final String ADMIN_PREFIX = "/v1/admin/";

    private static Map<String, Object> limits(double rate, int burst) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("ThrottlingRateLimit", rate);
        limits.put("ThrottlingBurstLimit", burst);
        return limits;
    }

    /** The HTTP API, for its CloudWatch metrics. */
    public HttpApi api() {
        return api;
    }

    /** The access log group: one JSON line per request, with its status. */
    public LogGroup accessLogs() {
        return accessLogs;
    }

    /** The API's base URL, without a trailing slash: {@code https://<id>.execute-api.<region>.amazonaws.com}. */
    public String url() {
        return api.getApiEndpoint();
    }

    /** One JSON object per request; never a header value, so never a token. */
    static String accessLogFormat() {
        return accessLogFormat(false);
    }

    /**
     * The same; the subject comes from the Lambda authorizer's context ({@code $context.authorizer.<key>}) when it is
     * the API's authorizer, else from the JWT authorizer's claims.
     */
    static String accessLogFormat(boolean lambdaAuthorizer) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("sourceIp", "$context.identity.sourceIp");
        fields.put("userAgent", "$context.identity.userAgent");
        fields.put("httpMethod", "$context.httpMethod");
        fields.put("routeKey", "$context.routeKey");
        fields.put("status", "$context.status");
        fields.put("protocol", "$context.protocol");
        fields.put("responseLength", "$context.responseLength");
        fields.put("responseLatency", "$context.responseLatency");
        fields.put("integrationLatency", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        fields.put("authorizerError", "$context.authorizer.error");
        fields.put("subject", lambdaAuthorizer ? "$context.authorizer.sub" : "$context.authorizer.claims.sub");
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Access-log settings (a class, not a record: jsii would take a record's accessors for method overrides). */
    private static final class AccessLogs implements IAccessLogSettings {
        private final IAccessLogDestination destination;
        private final boolean lambdaAuthorizer;

        AccessLogs(IAccessLogDestination destination, boolean lambdaAuthorizer) {
            this.destination = destination;
            this.lambdaAuthorizer = lambdaAuthorizer;
        }

        @Override
        public IAccessLogDestination getDestination() {
            return destination;
        }

        @Override
        public AccessLogFormat getFormat() {
            return AccessLogFormat.custom(accessLogFormat(lambdaAuthorizer));
        }
    }
}
