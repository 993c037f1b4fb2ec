package broker.lambda.core.catalog;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsDocument.ProfileGrant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.entitlements.ModelId.Family;
import broker.lambda.core.entitlements.ModelId.FoundationModel;
import broker.lambda.core.entitlements.ModelId.InferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Checks an entitlements document against the model catalog: every entry should name something usable. */
public final class CatalogWarnings {
    private CatalogWarnings() {}

    /** Every entry of every profile that is of no use in that profile's regions, in document order. */
    public static List<CatalogWarning> of(EntitlementsDocument document, CatalogSnapshot catalog) {
        List<CatalogWarning> warnings = new ArrayList<>();
        for (ProfileGrant profile : document.profileGrants()) {
            List<String> models = profile.grant().models();
            List<String> regions = profile.grant().regions();
            for (int i = 0; i < models.size(); i++) {
                String path = profile.path() + ".models[" + i + "]";
                String model = models.get(i);
                check(model, regions, catalog).ifPresent(message -> warnings.add(new CatalogWarning(path, model, message)));
            }
        }
        return List.copyOf(warnings);
    }

    private static Optional<String> check(String entry, List<String> regions, CatalogSnapshot catalog) {
        String where = " in " + String.join(", ", regions);
        return switch (ModelId.parse(entry).orElseThrow()) {
            case Family family -> CatalogResolution.matches(family, regions, catalog).isEmpty()
                    ? Optional.of("The family " + entry + " matches no foundation model that can be invoked on demand"
                            + " and no inference profile that Bedrock offers" + where + ": correct the pattern,"
                            + " or enable the models in Bedrock's model access.")
                    : Optional.empty();
            case InferenceProfile profile -> offersProfile(entry, regions, catalog)
                    ? Optional.empty()
                    : Optional.of("Bedrock offers no inference profile " + entry + where
                            + ": check the id with aws bedrock list-inference-profiles, or list a region it is offered in.");
            case FoundationModel model -> foundationModel(model, regions, catalog);
        };
    }

    private static Optional<String> foundationModel(FoundationModel model, List<String> regions, CatalogSnapshot catalog) {
        String where = " in " + String.join(", ", regions);
        boolean offered = false;
        boolean onDemand = false;
        SortedSet<String> profiles = new TreeSet<>();
        for (String region : regions) {
            RegionCatalog offers = catalog.region(region).orElse(RegionCatalog.EMPTY);
            Optional<FoundationModelEntry> entry = offers.foundationModel(model.value());
            offered |= entry.isPresent();
            onDemand |= entry.filter(FoundationModelEntry::onDemand).isPresent();
            offers.inferenceProfiles().stream()
                    .filter(p -> p.systemDefined() && p.id().endsWith("." + model.value()))
                    .forEach(p -> profiles.add(p.id()));
        }
        if (onDemand) return Optional.empty();
        if (offered && !profiles.isEmpty()) {
            return Optional.of("Bedrock offers " + model.value() + where + " only through inference profiles: name "
                    + String.join(" or ", profiles) + " instead, or a family such as " + model.value() + "*.");
        }
        if (offered) {
            return Optional.of("Bedrock offers " + model.value() + where + " without on-demand throughput: it cannot"
                    + " be invoked with these credentials.");
        }
        return Optional.of("Bedrock offers no foundation model " + model.value() + where
                + ": check the id with aws bedrock list-foundation-models, or list a region it is offered in.");
    }

    private static boolean offersProfile(String id, List<String> regions, CatalogSnapshot catalog) {
        return regions.stream().anyMatch(region -> catalog.region(region)
                .flatMap(offers -> offers.inferenceProfile(id)).isPresent());
    }
}
