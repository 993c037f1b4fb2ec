package broker.infra.construct;

import broker.contract.ApiRoute;
import broker.contract.CorsPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
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
 * every authorized route, CORS for the configured portal origins, and a {@code $default} stage with JSON access logs
 * and default throttling.
 */
public final class BrokerApi extends Construct {

    /**
     * @param issuer         the OIDC issuer whose tokens the authorizer accepts
     * @param audiences      accepted {@code aud} (or {@code client_id}) values
     * @param functions      the functions whose routes the API serves
     * @param allowedOrigins CORS origins; empty: no CORS configuration
     * @param rateLimit      default steady-state requests per second
     * @param burstLimit     default burst
     * @param logRetention   retention of the access log group
     * @param removalPolicy  what happens to the access log group when the stack is deleted
     */
    public record Props(String issuer, List<String> audiences, List<Functions.Deployed> functions,
                        List<String> allowedOrigins, double rateLimit, int burstLimit, RetentionDays logRetention,
                        RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(issuer, "issuer");
            audiences = List.copyOf(audiences);
            functions = List.copyOf(functions);
            allowedOrigins = List.copyOf(allowedOrigins);
            Objects.requireNonNull(logRetention, "logRetention");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }

    private final HttpApi api;

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

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .accessLogSettings(new AccessLogs(new LogGroupLogDestination(accessLogs)))
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.rateLimit())
                        .burstLimit(props.burstLimit())
                        .build())
                .build());

        HttpJwtAuthorizer authorizer = HttpJwtAuthorizer.Builder.create("JwtAuthorizer", props.issuer())
                .jwtAudience(props.audiences())
                .build();
        for (Functions.Deployed function : props.functions()) {
            var integration = new HttpLambdaIntegration(function.spec().id() + "Integration", function.alias());
            for (ApiRoute route : function.spec().routes()) {
                List<HttpRoute> added = api.addRoutes(AddRoutesOptions.builder()
                        .path(route.path())
                        .methods(List.of(HttpMethod.valueOf(route.method())))
                        .integration(integration)
                        .authorizer(route.authenticated() ? authorizer : new HttpNoneAuthorizer())
                        .build());
                if (!route.authenticated()) {
                    added.forEach(r -> Validations.of(r).acknowledge(Acknowledgment.builder()
                            .id("AwsSolutions-APIG4")
                            .reason(route.path() + " is public by design: clients read it before anyone has "
                                    + "signed in, and it returns no user data or secrets.")
                            .build()));
                }
            }
        }
    }

    /** The API's base URL, without a trailing slash: {@code https://<id>.execute-api.<region>.amazonaws.com}. */
    public String url() {
        return api.getApiEndpoint();
    }

    /** One JSON object per request; never a header value, so never a token. */
    static String accessLogFormat() {
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
        fields.put("subject", "$context.authorizer.claims.sub");
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Access-log settings (a class, not a record: jsii would take a record's accessors for method overrides). */
    private static final class AccessLogs implements IAccessLogSettings {
        private final IAccessLogDestination destination;

        AccessLogs(IAccessLogDestination destination) {
            this.destination = destination;
        }

        @Override
        public IAccessLogDestination getDestination() {
            return destination;
        }

        @Override
        public AccessLogFormat getFormat() {
            return AccessLogFormat.custom(accessLogFormat());
        }
    }
}
