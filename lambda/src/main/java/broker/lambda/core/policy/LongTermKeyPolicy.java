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

    private static final ObjectMapper JSON = new ObjectMapper();

    private LongTermKeyPolicy() {}

    /** The minified policy JSON for these grants of the Bedrock account. */
    public static String build(String partition, String accountId, List<Grant> grants) {
        String session = SessionPolicy.build(new PolicyScope(partition, accountId, grants, false));
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
