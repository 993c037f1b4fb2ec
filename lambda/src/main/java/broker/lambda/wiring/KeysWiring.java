package broker.lambda.wiring;

import broker.lambda.aws.AwsClients;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.core.admin.AdminService;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.http.AdminRoutes;
import broker.lambda.http.ApiKeysRoutes;
import broker.lambda.http.Bodies;
import broker.lambda.http.Json;
import broker.lambda.http.Responses;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.TimedIamUsers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The composition root of the keys jar: the API-keys and admin functions' routes, with their IAM client, built once
 * per function instance. Names no handler and no STS or Bedrock type (the credentials jar's root is
 * {@link CredentialsWiring}).
 */
public final class KeysWiring {
    private KeysWiring() {}

    /** The API-keys function's routes; {@code awsCredentials} signs the broker's own IAM calls. */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        AuditLog audit = PowertoolsAuditLog.forService();
        IamClient iam = AwsClients.iam(AwsClients.Connection.of(config.region(), config.iamEndpoint(), awsCredentials));
        return apiKeysRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), audit, Clock.systemUTC());
    }

    /** The API-keys routes over any IAM port: the Lambda's, the priming stub's, a test's. */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, IamUsers iam, AuditLog audit, Clock clock) {
        ObjectMapper json = Json.mapper();
        return new ApiKeysRoutes(new IdentityResolver(config.identityClaims()), apiKeysService(config, iam, clock), audit,
                new Bodies(json), new Responses(json));
    }

    /** The admin function's routes; {@code awsCredentials} signs the broker's own IAM calls. */
    public static AdminRoutes adminRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        AuditLog audit = PowertoolsAuditLog.forService();
        IamClient iam = AwsClients.iam(AwsClients.Connection.of(config.region(), config.iamEndpoint(), awsCredentials));
        return adminRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), sessionRevocations(config, iam), audit,
                Clock.systemUTC());
    }

    /** The admin routes over any IAM ports. */
    public static AdminRoutes adminRoutes(BrokerConfig config, IamUsers iam, RoleInlinePolicy revocations, AuditLog audit,
                                          Clock clock) {
        AdminService admin = new AdminService(config.entitlements(), apiKeysService(config, iam, clock),
                new SessionRevoker(revocations, clock));
        return new AdminRoutes(new IdentityResolver(config.identityClaims()), admin, audit, new Responses(Json.mapper()));
    }

    /** The revoke-sessions deny policy, an inline policy of the Bedrock user role. */
    public static RoleInlinePolicy sessionRevocations(BrokerConfig config, IamClient iam) {
        return new IamRolePolicy(iam, IamRolePolicy.roleName(config.roleArn()), SessionRevoker.POLICY_NAME);
    }

    private static ApiKeysService apiKeysService(BrokerConfig config, IamUsers iam, Clock clock) {
        return new ApiKeysService(config.entitlements(), iam, BedrockAccount.fromRoleArn(config.roleArn()),
                config.iamUserPath(), config.requirePermissionsBoundaryArn(), clock);
    }
}
