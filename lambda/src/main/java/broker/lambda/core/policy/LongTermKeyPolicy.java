package broker.lambda.core.policy;

import broker.lambda.core.entitlements.Grant;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The inline policy of a person's long-term-key IAM user: the session policy of their whole entitlement (the
 * same model and inference-profile ARNs, regions and inference-profile reads, built by {@link SessionPolicy}),
 * plus {@code bedrock:CallWithBearerToken} for {@code LONG_TERM} tokens only. Nothing else: the key can only
 * call Bedrock, on the entitled models, in the entitled regions.
 */
public final class LongTermKeyPolicy {
    /** IAM's limit on the inline policies of one user together (whitespace not counted; ours has none). */
    public static final int MAX_CHARS = 2048;

    /** The LONG_TERM bearer-token statement this class adds, with its comma. */
    private static final int BEARER_STATEMENT_CHARS =
            ",{\"Effect\":\"Allow\",\"Action\":\"bedrock:CallWithBearerToken\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"bedrock:BearerTokenType\":\"LONG_TERM\"}}}".length();

    private static final ObjectMapper JSON = new ObjectMapper();

    private LongTermKeyPolicy() {}

    /** The minified policy JSON for these grants of the Bedrock account. */
    public static String build(String partition, String accountId, List<Grant> grants) {
        PolicyScope scope = new PolicyScope(partition, accountId, grants, false);
        // The most precise form that fits; the minimal one is bounded by EntitlementsCheck for every user.
        String session = SessionPolicy.build(scope);
        if (session.length() > MAX_CHARS - BEARER_STATEMENT_CHARS) session = SessionPolicy.compact(scope);
        if (session.length() > MAX_CHARS - BEARER_STATEMENT_CHARS) session = SessionPolicy.minimal(scope);
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(session);
            ObjectNode bearer = ((ArrayNode) document.get("Statement")).addObject();
            bearer.put("Effect", "Allow");
            bearer.put("Action", "bedrock:CallWithBearerToken");
            // CallWithBearerToken has no resource type; the condition keeps this user's permission to its own
            // long-term keys and away from short-term keys signed with other credentials.
            bearer.put("Resource", "*");
            bearer.putObject("Condition").putObject("StringEquals").put("bedrock:BearerTokenType", "LONG_TERM");
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SessionPolicy built invalid JSON", e);
        }
    }
}
