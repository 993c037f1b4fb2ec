package broker.lambda.aws;

import broker.lambda.core.catalog.CatalogSource;
import broker.lambda.core.catalog.FoundationModelEntry;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.RegionCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.ListInferenceProfilesRequest;

/**
 * {@link CatalogSource} on Bedrock's control plane: {@code ListFoundationModels} and {@code ListInferenceProfiles}
 * (system-defined, then application profiles, every page) in one region. Every SDK failure ends here as
 * {@link RegionFetch.Failed}: no {@link SdkException} reaches the catalog.
 */
public final class BedrockModelCatalog implements CatalogSource {
    /** Bedrock's largest page: a region's profiles fit in one or two. */
    static final int PAGE_SIZE = 1000;

    private final Map<String, BedrockClient> clients;

    /** @param clients one client per region (from {@link AwsClients#client}) */
    public BedrockModelCatalog(Map<String, BedrockClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    @Override
    public RegionFetch fetch(String region) {
        BedrockClient client = clients.get(Objects.requireNonNull(region, "region"));
        if (client == null) return new RegionFetch.Failed("no client for " + region);
        try {
            List<FoundationModelEntry> models = client.listFoundationModels(b -> { }).modelSummaries().stream()
                    .map(BedrockModelCatalog::foundationModel)
                    .toList();
            Map<String, InferenceProfileEntry> profiles = new LinkedHashMap<>();
            for (InferenceProfileType type : List.of(InferenceProfileType.SYSTEM_DEFINED, InferenceProfileType.APPLICATION)) {
                ListInferenceProfilesRequest request = ListInferenceProfilesRequest.builder()
                        .typeEquals(type).maxResults(PAGE_SIZE).build();
                client.listInferenceProfilesPaginator(request).inferenceProfileSummaries()
                        .forEach(summary -> profiles.putIfAbsent(summary.inferenceProfileId(), inferenceProfile(summary)));
            }
            return new RegionFetch.Fetched(new RegionCatalog(models, new ArrayList<>(profiles.values())));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return new RegionFetch.Failed(code == null || code.isBlank() ? "HTTP" + e.statusCode() : code);
        } catch (SdkException e) {
            // SdkClientException and its timeouts: Bedrock could not be reached or did not answer in time.
            return new RegionFetch.Failed("unreachable");
        }
    }

    private static FoundationModelEntry foundationModel(FoundationModelSummary summary) {
        String lifecycle = summary.modelLifecycle() == null ? null : summary.modelLifecycle().statusAsString();
        return new FoundationModelEntry(summary.modelId(), summary.modelArn(), summary.modelName(),
                summary.providerName(), Boolean.TRUE.equals(summary.responseStreamingSupported()),
                // Strings, not the SDK's enum: INFERENCE_PROFILE is newer than some SDK models know.
                summary.inferenceTypesSupportedAsStrings().contains("ON_DEMAND"),
                !"LEGACY".equals(lifecycle));
    }

    private static InferenceProfileEntry inferenceProfile(InferenceProfileSummary summary) {
        return new InferenceProfileEntry(summary.inferenceProfileId(), summary.inferenceProfileArn(),
                summary.inferenceProfileName(), "SYSTEM_DEFINED".equals(summary.typeAsString()),
                "ACTIVE".equals(summary.statusAsString()),
                summary.models().stream().map(InferenceProfileModel::modelArn).filter(Objects::nonNull).toList());
    }
}
