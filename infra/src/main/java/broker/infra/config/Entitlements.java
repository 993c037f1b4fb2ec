package broker.infra.config;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.SessionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.Aws;

/**
 * A validated entitlements document, as deployed with the functions, and what the stack derives from it.
 *
 * @param source            the file it was read from (for messages)
 * @param json              the file's text, bundled verbatim as {@code entitlements.json}
 * @param groups            every group the document names (profiles and admin groups): the Cognito groups to create
 * @param roleCeilingPolicy the Bedrock user role's permissions: the session policy of all grants, with bearer tokens,
 *                          holding CloudFormation tokens for partition and account
 * @param modelFamilies     the family patterns the document names ({@code anthropic.claude-sonnet-4-5*}): the ceiling
 *                          allows them as ARN wildcards
 */
public record Entitlements(Path source, String json, List<String> groups, String roleCeilingPolicy,
                           List<String> modelFamilies) {

    /** IAM's limit on the total size of a role's inline policies (whitespace excluded). */
    static final int MAX_ROLE_POLICY_CHARS = 10_240;


    public Entitlements {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(json, "json");
        groups = List.copyOf(groups);
        Objects.requireNonNull(roleCeilingPolicy, "roleCeilingPolicy");
        modelFamilies = List.copyOf(modelFamilies);
    }

    /** A document without model families. */
    public Entitlements(Path source, String json, List<String> groups, String roleCeilingPolicy) {
        this(source, json, groups, roleCeilingPolicy, List.of());
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
            document = EntitlementsDocument.parse(json);
        } catch (InvalidEntitlementsException e) {
            throw invalid(file, e.problems());
        }
        List<Grant> grants = document.allGrants();
        String ceiling = SessionPolicy.build(new PolicyScope(Aws.PARTITION, Aws.ACCOUNT_ID, grants, true));
        // Measured with the longest partition name, as IAM will see it once CloudFormation substitutes the tokens.
        int deployedSize = SessionPolicy.build(new PolicyScope("aws-us-gov", "123456789012", grants, true)).length();
        if (deployedSize > MAX_ROLE_POLICY_CHARS) {
            throw new ConfigException("entitlements file " + file.toAbsolutePath() + " grants too much for one role: "
                    + "its Bedrock policy would be " + deployedSize + " characters, IAM allows "
                    + MAX_ROLE_POLICY_CHARS + "; name fewer models or regions");
        }
        List<String> families = document.allModels().stream()
                .filter(model -> ModelId.parse(model).orElse(null) instanceof ModelId.Family)
                .toList();
        return new Entitlements(file, json, groupNames(document), ceiling, families);
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
