package broker.lambda.core.policy;

import broker.lambda.core.Sha256;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.EntitlementsValidator;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole check of an entitlements document: its format ({@link EntitlementsValidator}) and then the size of the
 * largest session policy it can lead to. Used by the broker at start-up and by {@code infra}, so that a document too
 * large for STS fails {@code cdk synth}, never a request with {@code PackedPolicyTooLarge}.
 */
public final class EntitlementsCheck {
    /** A real account id's length: the account is part of every inference-profile ARN. */
    static final String WORST_CASE_ACCOUNT = "123456789012";
    /** Up to this many distinct grants, every combination is built (2^10 - 1 policies, well under a second). */
    static final int MAX_GRANTS_ENUMERATED = 10;

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

    /**
     * Parses the document and checks its size unless {@code stamp} is this exact document's {@link #stamp}: the mark
     * {@code infra} leaves next to a document that passed {@link #parse} at synth, so that a deployed function does not
     * build every combination's policy again at each cold start. A document without the stamp, or changed since, gets
     * the whole check: the guarantee (no user's policy exceeds STS's limit) never rests on a stamp of other content.
     *
     * @param stamp the stamp found next to the document, or null
     */
    public static EntitlementsDocument parse(String json, String stamp) throws InvalidEntitlementsException {
        if (stamp != null && stamp.strip().equals(stamp(json))) return EntitlementsDocument.parse(json);
        return parse(json);
    }

    /**
     * The stamp of a document that passed {@link #parse}: this check's version and the SHA-256 of the document's UTF-8
     * bytes. Written by {@code infra} only after the check passed.
     */
    public static String stamp(String json) {
        byte[] digest = Sha256.digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return STAMP_VERSION + ":sha256:" + java.util.HexFormat.of().formatHex(digest);
    }

    /** Changes whenever what {@link #parse} checks changes, so that an older stamp never stands for a newer check (2: workloads). */
    static final String STAMP_VERSION = "entitlements-check-2";

    /** Parses and checks the document; throws with every problem when it is not valid or too large. */
    public static EntitlementsDocument parse(String json) throws InvalidEntitlementsException {
        EntitlementsDocument document = EntitlementsDocument.parse(json);
        Optional<EntitlementsProblem> tooLarge = sizeProblem(document);
        if (tooLarge.isPresent()) throw new InvalidEntitlementsException(List.of(tooLarge.get()));
        return document;
    }

    /**
     * The length of the longest minimal session policy ({@link SessionPolicy#minimal}, the form sent when no other
     * fits) any user of this document can get, with short-term keys, in the longest
     * partition the document's regions belong to: every combination of its people's profiles (a user's groups), each also
     * bounding every narrowing of it to fewer of its entries or regions. Above {@link #MAX_GRANTS_ENUMERATED} distinct
     * profiles, {@link SessionPolicy#upperBound} of all of them instead, which no combination exceeds.
     */
    public static int worstCaseLength(EntitlementsDocument document) {
        // A person never gets a workload's grant, nor a workload a person's: people's profiles combine (a person's
        // groups) and are bounded here; each workloads entry is bounded on its own (sizeProblem).
        List<Grant> grants = document.peopleGrants();
        String partition = Partitions.longestOf(document.allRegions());
        if (grants.size() > MAX_GRANTS_ENUMERATED) {
            return SessionPolicy.upperBound(new PolicyScope(partition, WORST_CASE_ACCOUNT, grants, true));
        }
        int longest = 0;
        for (int mask = 1; mask < 1 << grants.size(); mask++) {
            List<Grant> some = new ArrayList<>();
            for (int i = 0; i < grants.size(); i++) {
                if ((mask & 1 << i) != 0) some.add(grants.get(i));
            }
            longest = Math.max(longest,
                    SessionPolicy.minimal(new PolicyScope(partition, WORST_CASE_ACCOUNT, some, true)).length());
        }
        return longest;
    }

    private static Optional<EntitlementsProblem> sizeProblem(EntitlementsDocument document) {
        for (int i = 0; i < document.workloads().size(); i++) {
            int length = SessionPolicy.minimal(new PolicyScope(Partitions.longestOf(document.allRegions()),
                    WORST_CASE_ACCOUNT, List.of(document.workloads().get(i).grant()), true)).length();
            if (length > SessionPolicy.MAX_CHARS) {
                return Optional.of(new EntitlementsProblem("$.workloads[" + i + "]", "This workload would get a session"
                        + " policy of " + length + " characters, over the " + SessionPolicy.MAX_CHARS
                        + " that STS accepts: name fewer models or regions."));
            }
        }
        if (document.peopleGrants().isEmpty()) return Optional.empty();
        int length = worstCaseLength(document);
        if (length <= SessionPolicy.MAX_CHARS) return Optional.empty();
        return Optional.of(new EntitlementsProblem("$", "A user in every group would get a session policy of "
                + length + " characters, over the " + SessionPolicy.MAX_CHARS + " that STS accepts (counted for"
                + " the longest combination of groups, in the partition of the document's regions, with short-term"
                + " keys): name fewer models or regions, or give profiles the same regions so that they share one"
                + " statement."));
    }
}
