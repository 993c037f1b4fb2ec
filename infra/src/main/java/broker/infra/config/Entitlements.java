package broker.infra.config;

import broker.lambda.core.Require;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import broker.lambda.core.entitlements.LongTermKeys;
import broker.lambda.core.policy.EntitlementsCheck;
import broker.lambda.core.policy.LongTermKeyPolicy;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.SessionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.Aws;

/**
 * A validated entitlements document, as deployed with the functions, and what the stack derives from it.
 *
 * @param source            the file it was read from (for messages)
 * @param json              the file's text, bundled verbatim as {@code entitlements.json}
 * @param groups            every group the document names (profiles and admin groups): the Cognito groups to create
 * @param roleCeilingPolicy the Bedrock user role's permissions (and its permissions boundary): the session policy of
 *                          all grants, with bearer tokens, holding CloudFormation tokens for partition and account
 * @param keyUserBoundaryPolicy the permissions boundary of the users that hold long-term API keys: the long-term-key
 *                          policy of all grants ({@link LongTermKeyPolicy}), with the same tokens
 * @param maxKeyAgeDays     the largest {@code maxAgeDays} of the profiles that allow long-term keys; 0 when none does
 * @param modelFamilies     the family patterns the document names ({@code anthropic.claude-sonnet-4-5*}): the ceiling
 *                          allows them as ARN wildcards
 */
public record Entitlements(Path source, String json, List<String> groups, String roleCeilingPolicy,
                           String keyUserBoundaryPolicy, int maxKeyAgeDays, List<String> modelFamilies) {

    /**
     * IAM's limit on a managed policy (whitespace excluded). Both policies above become managed policies (permissions
     * boundaries); the validator's 2,048-character bound on the session policy keeps them far below it.
     */
    static final int MAX_MANAGED_POLICY_CHARS = 6_144;
    /** Long enough to stand for any account id once CloudFormation substitutes the token. */
    private static final String WORST_CASE_ACCOUNT = "123456789012";
    private static final String WORST_CASE_PARTITION = "aws-us-gov";


    public Entitlements {
        Require.nonNull("source json", source, json);
        groups = List.copyOf(groups);
        Require.nonNull("roleCeilingPolicy keyUserBoundaryPolicy", roleCeilingPolicy, keyUserBoundaryPolicy);
        if (maxKeyAgeDays < 0) throw new IllegalArgumentException("maxKeyAgeDays must not be negative");
        modelFamilies = List.copyOf(modelFamilies);
    }

    /** A document without model families. */
    public Entitlements(Path source, String json, List<String> groups, String roleCeilingPolicy,
                        String keyUserBoundaryPolicy, int maxKeyAgeDays) {
        this(source, json, groups, roleCeilingPolicy, keyUserBoundaryPolicy, maxKeyAgeDays, List.of());
    }

    /** True when some profile allows long-term API keys: only then may the API-keys function create users and keys. */
    public boolean allowsLongTermKeys() {
        return maxKeyAgeDays > 0;
    }

    /**
     * Reads and validates an entitlements file with the broker's own validator.
     *
     * @throws ConfigException naming the file and, for an invalid document, every problem with its JSON path
     */
    public static Entitlements load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read entitlements file " + file.toAbsolutePath()
                    + " (context key entitlementsFile): " + e, e);
        }
        EntitlementsDocument document;
        try {
            document = EntitlementsCheck.parse(json);
        } catch (InvalidEntitlementsException e) {
            throw invalid(file, e.problems());
        }
        List<Grant> grants = document.allGrants();
        String ceiling = SessionPolicy.build(new PolicyScope(Aws.PARTITION, Aws.ACCOUNT_ID, grants, true));
        String keyUserBoundary = LongTermKeyPolicy.build(Aws.PARTITION, Aws.ACCOUNT_ID, grants);
        // Measured with the longest partition name, as IAM will see them once CloudFormation substitutes the tokens.
        requireManagedPolicySize(file, "Bedrock user role's", SessionPolicy.build(
                new PolicyScope(WORST_CASE_PARTITION, WORST_CASE_ACCOUNT, grants, true)));
        requireManagedPolicySize(file, "API-key users' boundary", LongTermKeyPolicy.build(
                WORST_CASE_PARTITION, WORST_CASE_ACCOUNT, grants));
        List<String> families = document.allModels().stream()
                .filter(model -> ModelId.parse(model).orElse(null) instanceof ModelId.Family)
                .toList();
        return new Entitlements(file, json, groupNames(document), ceiling, keyUserBoundary, maxKeyAgeDays(document),
                families);
    }

    private static void requireManagedPolicySize(Path file, String which, String policy) {
        if (policy.length() > MAX_MANAGED_POLICY_CHARS) {
            throw new ConfigException("entitlements file " + file.toAbsolutePath() + " grants too much for one "
                    + "policy: the " + which + " Bedrock policy would be " + policy.length() + " characters, IAM "
                    + "allows " + MAX_MANAGED_POLICY_CHARS + "; name fewer models or regions");
        }
    }

    /**
     * The largest key age any profile allows: the bound of the API-keys function's role. A caller in every group gets
     * the most generous bounds of all profiles (see {@link LongTermKeys#mostGenerous}).
     */
    static int maxKeyAgeDays(EntitlementsDocument document) {
        return document.entitlementFor(document.groupNames())
                .map(Entitlement::longTermKeys)
                .filter(LongTermKeys::allowed)
                .map(LongTermKeys::maxAgeDays)
                .orElse(0);
    }

    private static ConfigException invalid(Path file, List<EntitlementsProblem> problems) {
        return new ConfigException("entitlements file " + file.toAbsolutePath() + " is invalid:"
                + problems.stream().map(p -> System.lineSeparator() + "  " + p).collect(Collectors.joining()));
    }

    /** The document's groups, then its admin groups that are not also profile groups. */
    static List<String> groupNames(EntitlementsDocument document) {
        Set<String> names = new LinkedHashSet<>(document.groupNames());
        names.addAll(document.adminGroupNames());
        return new ArrayList<>(names);
    }
}
