package broker.client.setup;

import broker.client.core.BrokerSettings;
import broker.client.core.ModelChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that point Claude Code (and other Bedrock tools) at Bedrock: what {@code env} prints and
 * {@code setup claude} writes into the {@code env} of {@code settings.json}. The model ids are a {@link ModelChoice},
 * from the user's own list where the broker gave one: Claude Code probes its models at start-up, so they must be ones
 * the user is entitled to.
 */
public final class BedrockVariables {
    public static final String USE_BEDROCK = "CLAUDE_CODE_USE_BEDROCK";
    public static final String REGION = "AWS_REGION";
    public static final String PROFILE = "AWS_PROFILE";
    public static final String BEARER_TOKEN = "AWS_BEARER_TOKEN_BEDROCK";
    public static final String MODEL = "ANTHROPIC_MODEL";
    /** Claude Code's small/fast model since 2.0 ... */
    public static final String HAIKU_MODEL = "ANTHROPIC_DEFAULT_HAIKU_MODEL";
    /** ... and its older name, still read by earlier versions. */
    public static final String SMALL_FAST_MODEL = "ANTHROPIC_SMALL_FAST_MODEL";

    private BedrockVariables() {
    }

    /**
     * @param models      the model ids to name (an empty one is left out)
     * @param awsProfile  the AWS profile to name, or null for none
     * @param bearerToken a short-term Bedrock API key to name, or null for none
     */
    public static Map<String, String> of(BrokerSettings broker, ModelChoice models, String awsProfile,
                                         String bearerToken) {
        var variables = new LinkedHashMap<String, String>();
        variables.put(USE_BEDROCK, "1");
        if (!broker.region().isEmpty()) {
            variables.put(REGION, broker.region());
        }
        if (awsProfile != null) {
            variables.put(PROFILE, awsProfile);
        }
        if (bearerToken != null) {
            variables.put(BEARER_TOKEN, bearerToken);
        }
        if (!models.primary().isEmpty()) {
            variables.put(MODEL, models.primary());
        }
        if (!models.fast().isEmpty()) {
            variables.put(HAIKU_MODEL, models.fast());
            variables.put(SMALL_FAST_MODEL, models.fast());
        }
        return variables;
    }
}
