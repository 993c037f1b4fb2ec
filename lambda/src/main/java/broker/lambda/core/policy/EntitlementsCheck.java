package broker.lambda.core.policy;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.EntitlementsValidator;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import java.util.List;
import java.util.Optional;

/**
 * The whole check of an entitlements document: its format ({@link EntitlementsValidator}) and then the size of the
 * largest session policy it can lead to. Used by the broker at start-up and by {@code infra}, so that a document too
 * large for STS fails {@code cdk synth}, never a request with {@code PackedPolicyTooLarge}.
 */
public final class EntitlementsCheck {
    /** The longest partition name and a real account id length: the worst case of the size check. */
    static final String WORST_CASE_PARTITION = "aws-us-gov";
    static final String WORST_CASE_ACCOUNT = "123456789012";

    private EntitlementsCheck() {}

    /** Every problem of the document, format first; empty when it is valid. Never throws for any input string. */
    public static List<EntitlementsProblem> validate(String json) {
        List<EntitlementsProblem> problems = EntitlementsValidator.validate(json);
        if (!problems.isEmpty()) return problems;
        try {
            return sizeProblem(EntitlementsDocument.parse(json)).map(List::of).orElse(List.of());
        } catch (InvalidEntitlementsException e) {
            return e.problems(); // not reached: the validator found nothing
        }
    }

    /** Parses and checks the document; throws with every problem when it is not valid or too large. */
    public static EntitlementsDocument parse(String json) throws InvalidEntitlementsException {
        EntitlementsDocument document = EntitlementsDocument.parse(json);
        Optional<EntitlementsProblem> tooLarge = sizeProblem(document);
        if (tooLarge.isPresent()) throw new InvalidEntitlementsException(List.of(tooLarge.get()));
        return document;
    }

    /**
     * The length of the session policy of a user in every group, with short-term keys, in the longest partition: no
     * request of any user of this document gets a longer one (see {@link SessionPolicy}).
     */
    public static int worstCaseLength(EntitlementsDocument document) {
        return SessionPolicy.build(
                new PolicyScope(WORST_CASE_PARTITION, WORST_CASE_ACCOUNT, document.allGrants(), true)).length();
    }

    private static Optional<EntitlementsProblem> sizeProblem(EntitlementsDocument document) {
        int length = worstCaseLength(document);
        if (length <= SessionPolicy.MAX_CHARS) return Optional.empty();
        return Optional.of(new EntitlementsProblem("$", "A user in every group would get a session policy of "
                + length + " characters, over the " + SessionPolicy.MAX_CHARS + " that STS accepts (counted for"
                + " the aws-us-gov partition, with short-term keys): name fewer models or regions, or give"
                + " profiles the same regions so that they share one statement."));
    }
}
