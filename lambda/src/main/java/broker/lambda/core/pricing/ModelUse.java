package broker.lambda.core.pricing;

import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.ModelId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model a logged request used, as Bedrock's invocation log names it in {@code modelId}: a foundation-model id,
 * a system-defined inference profile id ({@code us.anthropic.…}, {@code global.anthropic.…}), or the ARN of either;
 * anything else (an application inference profile, a provisioned or custom model) is kept as written.
 *
 * @param logged  the {@code modelId} as logged
 * @param model   the foundation-model id behind it, or {@code logged} when it names none; the ledger's model key
 * @param scope   how the request reached the model
 * @param known   true when {@code model} is a foundation-model id (not an opaque ARN)
 */
public record ModelUse(String logged, String model, PriceScope scope, boolean known) {
    // arn:aws:bedrock:<region>:<account?>:foundation-model/<id> or …:inference-profile/<id>
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:bedrock:[a-z0-9-]*:[0-9]*:(foundation-model|inference-profile)/(.+)");

    /** Reads a logged {@code modelId}; never fails. */
    public static ModelUse of(String logged) {
        String id = logged;
        Matcher arn = ARN.matcher(logged);
        if (arn.matches()) {
            id = arn.group(2);
        }
        return switch (ModelId.parse(id).orElse(null)) {
            case ModelId.FoundationModel model -> new ModelUse(logged, model.value(), PriceScope.IN_REGION, true);
            case ModelId.InferenceProfile profile -> new ModelUse(logged, profile.foundationModelId(),
                    profile.geography() == Geography.GLOBAL ? PriceScope.GLOBAL : PriceScope.GEOGRAPHY, true);
            case ModelId.Family family -> new ModelUse(logged, logged, PriceScope.IN_REGION, false);
            case null -> new ModelUse(logged, logged, PriceScope.IN_REGION, false);
        };
    }
}
