package broker.contract;

import java.util.List;

/**
 * The functions' environment: the names {@code infra} sets and the functions' {@code BrokerConfig} parses, and the
 * defaults both sides assume when one is unset. The README's environment table lists them.
 */
public final class BrokerEnv {
    private BrokerEnv() {}

    public static final String ROLE_ARN = "BROKER_ROLE_ARN";
    public static final String REGION = "BROKER_REGION";
    public static final String ENTITLEMENTS_FILE = "BROKER_ENTITLEMENTS_FILE";
    public static final String USERNAME_CLAIM = "BROKER_USERNAME_CLAIM";
    public static final String GROUPS_CLAIM = "BROKER_GROUPS_CLAIM";
    /** The people issuer's stable subject claim ({@code sub} unless set; {@code oid} for Entra ID). */
    public static final String SUBJECT_CLAIM = "BROKER_SUBJECT_CLAIM";
    /**
     * Comma-separated audiences the people issuer's tokens carry when that is not a client id (an API identifier):
     * tokens must then name one of the client ids in {@code azp}/{@code client_id}/{@code cid}.
     */
    public static final String AUDIENCES = "BROKER_AUDIENCES";
    /** A JSON list of further issuers ({@code core.identity.TrustedIssuers}): CI and cluster issuers, other IdPs. */
    public static final String ISSUERS = "BROKER_ISSUERS";
    public static final String ISSUER = "BROKER_ISSUER";
    public static final String CLIENT_ID = "BROKER_CLIENT_ID";
    public static final String SCOPES = "BROKER_SCOPES";
    public static final String REDIRECT_PORTS = "BROKER_REDIRECT_PORTS";
    public static final String PRIMARY_MODEL = "BROKER_PRIMARY_MODEL";
    public static final String FAST_MODEL = "BROKER_FAST_MODEL";
    public static final String PORTAL_CLIENT_ID = "BROKER_PORTAL_CLIENT_ID";
    public static final String STS_ENDPOINT = "BROKER_STS_ENDPOINT";
    public static final String IAM_ENDPOINT = "BROKER_IAM_ENDPOINT";
    public static final String IAM_USER_PATH = "BROKER_IAM_USER_PATH";
    public static final String PERMISSIONS_BOUNDARY_ARN = "BROKER_PERMISSIONS_BOUNDARY_ARN";
    /**
     * The broker's state table (revocations, people, sessions): set by the stack on the credentials, API-keys and admin
     * functions. Unset (local tests of the Lambda roots only): issuances are not recorded and the admin function keeps
     * revocations in its own memory.
     */
    public static final String STATE_TABLE = "BROKER_STATE_TABLE";
    /** DynamoDB endpoint override (tests against dynalite). */
    public static final String DYNAMODB_ENDPOINT = "BROKER_DYNAMODB_ENDPOINT";
    /** {@code on} (the default) or {@code off}: whether the credentials and public functions read Bedrock's model catalog. */
    public static final String MODEL_CATALOG = "BROKER_MODEL_CATALOG";
    public static final String BEDROCK_ENDPOINT = "BROKER_BEDROCK_ENDPOINT";
    /** Model ids or families, in order of preference, for the recommended main and small/fast model. */
    public static final String PRIMARY_MODELS = "BROKER_PRIMARY_MODELS";
    public static final String FAST_MODELS = "BROKER_FAST_MODELS";

    /** The usage ledger's DynamoDB table: the broker's state table (the same variable as the state store's). */
    public static final String USAGE_TABLE = "BROKER_STATE_TABLE";
    /** The name (not the ARN) of the Bedrock user role whose sessions usage is attributed to people. */
    public static final String USAGE_ROLE_NAME = "BROKER_USAGE_ROLE_NAME";
    /** An operator's pricing override document (JSON) in the Lambda package; unset: the shipped prices. */
    public static final String PRICING_FILE = "BROKER_PRICING_FILE";
    /**
     * Key reconciliation: people not seen (no issuance) for this many days get their long-term keys deactivated.
     * Set by the stack on the reconcile function only.
     */
    public static final String KEY_INACTIVE_DAYS = "BROKER_KEY_INACTIVE_DAYS";
    /** {@value #KEY_INACTIVE_DAYS} unless set. */
    public static final int DEFAULT_KEY_INACTIVE_DAYS = 90;
    /** The largest {@value #KEY_INACTIVE_DAYS} accepted (ten years). */
    public static final int MAX_KEY_INACTIVE_DAYS = 3650;
    /** Where long-term-key users live unless {@value #IAM_USER_PATH} says otherwise. */
    public static final String DEFAULT_IAM_USER_PATH = "/bedrock-broker/users/";
    /** The loopback ports registered as the CLI's redirect URIs unless {@value #REDIRECT_PORTS} says otherwise. */
    public static final List<Integer> DEFAULT_REDIRECT_PORTS = List.of(53682, 53683, 53684);
    /** The scopes the CLI requests unless {@value #SCOPES} says otherwise. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile", "offline_access");

    /** The entitlements file's name inside the Lambda package ({@code $LAMBDA_TASK_ROOT/entitlements.json}). */
    public static final String BUNDLED_ENTITLEMENTS = "entitlements.json";
    /**
     * Next to an entitlements file: the stamp {@code infra} writes after the document passed the whole check at synth
     * ({@code EntitlementsCheck.stamp}); the functions then skip the size check at cold start for exactly that content.
     */
    public static final String ENTITLEMENTS_STAMP_SUFFIX = ".checked";
}
