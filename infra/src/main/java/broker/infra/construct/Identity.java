package broker.infra.construct;

import broker.infra.config.IdentityConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.KeepOriginalAttrs;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.CfnManagedLoginBranding;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.ManagedLoginVersion;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.constructs.Construct;

/**
 * Who signs users in. With an external issuer this construct creates nothing and passes its issuer and audiences
 * on; otherwise it creates a Cognito user pool (MFA required, no self sign-up) with managed login, a public PKCE
 * client for the CLI on its loopback redirect URLs, an optional public portal client, and one group per group that
 * the entitlements name.
 */
public final class Identity extends Construct {

    /**
     * @param config        Cognito or external issuer
     * @param redirectPorts the CLI's loopback ports: each gives {@code http://127.0.0.1:<port>/callback} and
     *                      {@code http://localhost:<port>/callback}
     * @param groups        Cognito groups to create (the entitlements' groups)
     * @param removalPolicy what {@code cdk destroy} does with the user pool
     */
    public record Props(IdentityConfig config, List<Integer> redirectPorts, List<String> groups,
                        RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(config, "config");
            redirectPorts = List.copyOf(redirectPorts);
            groups = List.copyOf(groups);
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }

    /** What the stack outputs when it created the user pool. */
    public record CognitoResources(UserPool userPool, UserPoolDomain domain, UserPoolClient cliClient,
                                   UserPoolClient portalClient) {
        public Optional<UserPoolClient> portal() {
            return Optional.ofNullable(portalClient);
        }
    }

    /**
     * The only attributes the stack's clients may write: a client without a list may write every standard attribute,
     * including {@code email}, and an empty list means the same to Cognito.
     */
    static final ClientAttributes WRITABLE_ATTRIBUTES = new ClientAttributes()
            .withStandardAttributes(StandardAttributesMask.builder().locale(true).timezone(true).build());

    private final String issuer;
    private final String cliClientId;
    private final List<String> audiences;
    private final CognitoResources cognito;

    public Identity(Construct scope, String id, Props props) {
        super(scope, id);
        switch (props.config()) {
            case IdentityConfig.ExternalIssuer external -> {
                issuer = external.issuer();
                cliClientId = external.clientId();
                audiences = external.audiences();
                cognito = null;
            }
            case IdentityConfig.CognitoPool pool -> {
                cognito = createUserPool(pool, props);
                issuer = cognito.userPool().getUserPoolProviderUrl();
                cliClientId = cognito.cliClient().getUserPoolClientId();
                List<String> ids = new ArrayList<>(List.of(cliClientId));
                cognito.portal().ifPresent(c -> ids.add(c.getUserPoolClientId()));
                audiences = List.copyOf(ids);
            }
        }
    }

    /** The OIDC issuer URL (the {@code iss} of accepted tokens). */
    public String issuer() {
        return issuer;
    }

    /** The public client id that the CLI signs in with. */
    public String cliClientId() {
        return cliClientId;
    }

    /** The {@code aud} (or, for Cognito access tokens, {@code client_id}) values the API accepts. */
    public List<String> audiences() {
        return audiences;
    }

    /** The user pool and its clients, when this stack created them. */
    public Optional<CognitoResources> cognito() {
        return Optional.ofNullable(cognito);
    }

    private CognitoResources createUserPool(IdentityConfig.CognitoPool pool, Props props) {
        UserPool.Builder builder = UserPool.Builder.create(this, "UserPool")
                // Accounts are created by administrators (or federated in): nobody signs themselves up for credentials.
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .build())
                // A changed email counts only once verified: until then tokens keep the original, verified one.
                .keepOriginal(KeepOriginalAttrs.builder().email(true).build())
                .signInCaseSensitive(false)
                .mfa(Mfa.REQUIRED)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true).requireUppercase(true).requireDigits(true).requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(props.removalPolicy() == RemovalPolicy.RETAIN)
                .removalPolicy(props.removalPolicy());
        if (pool.plusTier()) {
            builder.featurePlan(FeaturePlan.PLUS)
                    .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION);
        } else {
            builder.featurePlan(FeaturePlan.ESSENTIALS);
        }
        UserPool userPool = builder.build();
        if (!pool.plusTier()) {
            Validations.of(userPool).acknowledge(Acknowledgment.builder()
                    .id("AwsSolutions-COG8")
                    .reason("The Plus plan is billed per monthly active user; platform teams opt in with "
                            + "-c cognitoFeaturePlan=plus. MFA is required on every plan.")
                    .build());
        }

        String prefix = pool.domainPrefix() != null ? pool.domainPrefix()
                : Fn.join("-", List.of("bedrock-broker", Aws.ACCOUNT_ID));
        UserPoolDomain domain = userPool.addDomain("Domain", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(prefix).build())
                .managedLoginVersion(ManagedLoginVersion.NEWER_MANAGED_LOGIN)
                .build());

        List<String> cliCallbacks = props.redirectPorts().stream()
                .flatMap(port -> Stream.of(
                        "http://127.0.0.1:" + port + "/callback", "http://localhost:" + port + "/callback"))
                .toList();
        UserPoolClient cli = publicClient(userPool, "CliClient", "bedrock-broker-cli", cliCallbacks, List.of());
        UserPoolClient portal = pool.hasPortalClient()
                ? publicClient(userPool, "PortalClient", "bedrock-broker-portal",
                        pool.portalCallbackUrls(), pool.portalLogoutUrls())
                : null;

        for (String group : props.groups()) {
            // The id follows the name: renaming a group in the entitlements replaces the Cognito group.
            CfnUserPoolGroup.Builder.create(this, "Group-" + group.replace("/", "%2F"))
                    .userPoolId(userPool.getUserPoolId())
                    .groupName(group)
                    .description("Bedrock Broker entitlements group")
                    .build()
                    .applyRemovalPolicy(props.removalPolicy());
        }
        return new CognitoResources(userPool, domain, cli, portal);
    }

    /** A public client (no secret) for the authorization-code flow with PKCE, styled for managed login. */
    private UserPoolClient publicClient(UserPool userPool, String id, String name, List<String> callbacks,
                                        List<String> logouts) {
        OAuthSettings.Builder oauth = OAuthSettings.builder()
                .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                .callbackUrls(callbacks);
        if (!logouts.isEmpty()) oauth.logoutUrls(logouts);
        UserPoolClient client = userPool.addClient(id, UserPoolClientOptions.builder()
                .userPoolClientName(name)
                .generateSecret(false)
                .oAuth(oauth.build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                // Managed login's code flow needs no InitiateAuth flow: without SRP or password flows nobody gets the
                // aws.cognito.signin.user.admin scope that lets a user rewrite their own attributes.
                .authFlows(AuthFlow.builder().userSrp(false).userPassword(false).adminUserPassword(false).custom(false).build())
                // Nothing that names a person (email, name, preferred_username) is writable through the clients.
                .writeAttributes(WRITABLE_ATTRIBUTES)
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .build());
        // Managed login shows an error page to a client that has no branding style.
        CfnManagedLoginBranding.Builder.create(this, id + "Branding")
                .userPoolId(userPool.getUserPoolId())
                .clientId(client.getUserPoolClientId())
                .useCognitoProvidedValues(true)
                .build();
        return client;
    }
}
