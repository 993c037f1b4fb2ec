package broker.lambda.snapstart;

import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.TimedIamUsers;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SnapStart priming of the keys jar's functions: every route on the real IAM adapter, whose SDK client answers
 * in-process ({@link PrimingAnswers#iam}), audited by the priming audit log (see {@link CredentialsPriming#credentials}).
 */
public final class KeysPriming {
    private KeysPriming() {}

    /** The API-keys function; its answers are 201, 200, 404 when a group allows long-term keys. */
    public static PrimingPlan apiKeys(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        IamClient iam = iam(config, clock);
        return new PrimingPlan(
                KeysWiring.apiKeysRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), audit, clock)::handle,
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.API_KEYS),
                        PrimingEvents.claims(config, config.entitlements().groupNames()),
                        Map.of("id", PrimingAnswers.API_KEY_ID)), iam);
    }

    /**
     * The admin function, signed in as a member of every admin group; its answers are 200, 404, 200 when the
     * document names an admin group.
     */
    public static PrimingPlan admin(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        IamClient iam = iam(config, clock);
        return new PrimingPlan(KeysWiring.adminRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit),
                KeysWiring.sessionRevocations(config, iam), audit, clock)::handle,
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.ADMIN),
                        PrimingEvents.claims(config, config.entitlements().adminGroupNames()),
                        Map.of("user", "snapstart-priming-user", "id", PrimingAnswers.API_KEY_ID)), iam);
    }

    private static IamClient iam(BrokerConfig config, Clock clock) {
        return AwsClients.iam(AwsClients.Connection.inProcess(config.region(), PrimingAnswers.CREDENTIALS,
                new PrimingHttpClient(PrimingAnswers.iam(clock))));
    }
}
