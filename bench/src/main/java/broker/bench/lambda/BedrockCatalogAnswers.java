package broker.bench.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bedrock control-plane answers for the bench's entitlements ({@link LambdaFixtures#ENTITLEMENTS}): the foundation
 * models and the system-defined inference profiles a region offers, in the REST-JSON shapes of
 * {@code ListFoundationModels} and {@code ListInferenceProfiles}, one page each.
 */
final class BedrockCatalogAnswers {
    private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String NOVA_MICRO = "amazon.nova-micro-v1:0";
    private static final List<String> US = List.of("us-east-1", "us-east-2", "us-west-2");
    private static final List<String> EU = List.of("eu-central-1", "eu-west-1", "eu-west-3");

    /** Profile id prefix → its destination regions (global: the region-less ARN). */
    private static final Map<String, List<String>> GEOGRAPHIES = Map.of("us", US, "eu", EU, "global", List.of(""));

    private BedrockCatalogAnswers() {
    }

    static String foundationModels(String region) {
        List<String> summaries = new ArrayList<>();
        summaries.add(model(region, SONNET, "Claude Sonnet 4.5", "Anthropic", "INFERENCE_PROFILE"));
        summaries.add(model(region, HAIKU, "Claude Haiku 4.5", "Anthropic", "INFERENCE_PROFILE"));
        if (region.equals("us-east-1")) {
            summaries.add(model(region, NOVA_MICRO, "Nova Micro", "Amazon", "ON_DEMAND"));
        }
        return "{\"modelSummaries\":[" + String.join(",", summaries) + "]}";
    }

    static String inferenceProfiles(String region) {
        String geography = region.startsWith("eu-") ? "eu" : "us";
        List<String> summaries = new ArrayList<>();
        for (String model : geography.equals("us") ? List.of(SONNET, HAIKU) : List.of(SONNET)) {
            summaries.add(profile(region, geography, model));
        }
        summaries.add(profile(region, "global", SONNET));
        return "{\"inferenceProfileSummaries\":[" + String.join(",", summaries) + "]}";
    }

    private static String model(String region, String id, String name, String provider, String inferenceType) {
        return """
                {"modelArn":"arn:aws:bedrock:%s::foundation-model/%s","modelId":"%s","modelName":"%s","providerName":"%s",\
                "inputModalities":["TEXT"],"outputModalities":["TEXT"],"responseStreamingSupported":true,\
                "inferenceTypesSupported":["%s"],"modelLifecycle":{"status":"ACTIVE"}}"""
                .formatted(region, id, id, name, provider, inferenceType);
    }

    private static String profile(String region, String geography, String model) {
        String models = GEOGRAPHIES.get(geography).stream()
                .map(destination -> "{\"modelArn\":\"arn:aws:bedrock:" + destination + "::foundation-model/" + model + "\"}")
                .collect(Collectors.joining(","));
        String id = geography + "." + model;
        return """
                {"inferenceProfileName":"%s","inferenceProfileArn":"arn:aws:bedrock:%s:123456789012:inference-profile/%s",\
                "inferenceProfileId":"%s","models":[%s],"status":"ACTIVE","type":"SYSTEM_DEFINED",\
                "createdAt":"2025-09-29T00:00:00Z","updatedAt":"2025-09-29T00:00:00Z"}"""
                .formatted(id, region, id, id, models);
    }
}
