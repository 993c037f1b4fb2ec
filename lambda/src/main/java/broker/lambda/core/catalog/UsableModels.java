package broker.lambda.core.catalog;

import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models a caller may invoke, one per foundation model, each with the id to invoke it by. Claude Code probes its
 * default models at start-up, so the id must be one the caller is entitled to and that Bedrock accepts: a bare
 * foundation-model id fails with "on-demand throughput isn't supported" where Bedrock offers the model only through
 * inference profiles.
 */
public final class UsableModels {
    private static final Pattern DESTINATION = Pattern.compile("arn:[a-z-]+:bedrock:([a-z0-9-]*)::foundation-model/.+");

    private UsableModels() {}

    /**
     * From the catalog: per foundation model, its own id where Bedrock offers it on demand in one of the caller's
     * regions; else an inference profile Bedrock offers there, preferring one whose destination regions are all the
     * caller's, then a regional one over {@code global.}. Sorted by foundation model.
     */
    public static List<UsableModel> of(Entitlement entitlement, CatalogSnapshot catalog) {
        Map<String, List<Candidate>> byModel = new TreeMap<>();
        for (Grant grant : CatalogResolution.resolve(entitlement.grants(), catalog)) {
            for (String id : grant.models()) {
                ModelId model = ModelId.parse(id).orElse(null);
                if (model == null || model instanceof ModelId.Family) continue;
                for (String region : grant.regions()) {
                    RegionCatalog offered = catalog.region(region).orElse(RegionCatalog.EMPTY);
                    candidate(model, region, offered).ifPresent(c ->
                            byModel.computeIfAbsent(model.foundationModelId(), k -> new ArrayList<>()).add(c));
                }
            }
        }
        List<UsableModel> usable = new ArrayList<>();
        byModel.forEach((foundationModel, candidates) -> {
            Candidate best = candidates.stream()
                    .min(Comparator.comparing((Candidate c) -> !c.onDemand())
                            .thenComparing(c -> !entitlement.regions().containsAll(c.destinations()))
                            .thenComparing(Candidate::global)
                            .thenComparing(Candidate::id))
                    .orElseThrow();
            Set<String> regions = new LinkedHashSet<>();
            candidates.stream().filter(c -> c.id().equals(best.id())).forEach(c -> regions.add(c.region()));
            Optional<FoundationModelEntry> entry = describe(foundationModel, catalog);
            usable.add(new UsableModel(best.id(), foundationModel, entry.map(FoundationModelEntry::name).orElse(null),
                    entry.map(FoundationModelEntry::provider).orElse(null),
                    entry.map(FoundationModelEntry::streaming).orElse(null), List.copyOf(regions)));
        });
        return List.copyOf(usable);
    }

    /**
     * Without the catalog: one entry per foundation model the entitlement names exactly (families cannot be resolved,
     * and nothing is known about the models). Its id is an entitled inference profile that can be entered from the
     * caller's regions (its geography's profiles are offered there), a geographic one before {@code global.}, the one
     * usable in more of the caller's regions first; the bare foundation-model id only when no such profile is entitled.
     * Most current models are offered only through profiles, so a bare id is listed but never recommended here
     * ({@link #recommendable}): nothing shows it can be invoked on demand.
     */
    public static List<UsableModel> of(Entitlement entitlement) {
        Map<String, List<UsableModel>> byModel = new TreeMap<>();
        for (String id : entitlement.models()) {
            ModelId model = ModelId.parse(id).orElse(null);
            if (model == null || model instanceof ModelId.Family) continue;
            List<String> regions = entitlement.regionsFor(id).stream()
                    .filter(region -> !(model instanceof ModelId.InferenceProfile profile)
                            || profile.geography().isSourceRegion(region))
                    .toList();
            if (regions.isEmpty()) continue; // a profile listed only with regions that do not offer its geography
            byModel.computeIfAbsent(model.foundationModelId(), k -> new ArrayList<>())
                    .add(new UsableModel(id, model.foundationModelId(), null, null, null, regions));
        }
        List<UsableModel> usable = new ArrayList<>();
        byModel.values().forEach(candidates -> usable.add(candidates.stream()
                .min(Comparator.comparing((UsableModel m) -> m.id().equals(m.foundationModel()))
                        .thenComparing(m -> m.id().startsWith(Geography.GLOBAL.prefix() + "."))
                        .thenComparing(m -> -m.regions().size())
                        .thenComparing(UsableModel::id))
                .orElseThrow()));
        return List.copyOf(usable);
    }

    /**
     * The models that may be recommended from a list made without the catalog: the inference profiles, never a bare
     * foundation-model id (Bedrock may offer it only through profiles: "on-demand throughput isn't supported").
     */
    public static List<UsableModel> recommendable(List<UsableModel> withoutCatalog) {
        return withoutCatalog.stream().filter(model -> !model.id().equals(model.foundationModel())).toList();
    }

    /**
     * The id of the first usable model that a preference names (an exact id or a family, matched against the id to
     * invoke and against its foundation model), or null when none does.
     */
    public static String recommend(List<UsableModel> models, Collection<String> preferences) {
        for (String preference : preferences) {
            Optional<ModelId> wanted = ModelId.parse(preference);
            if (wanted.isEmpty()) continue;
            for (UsableModel model : models) {
                if (wanted.get().covers(model.id()) || wanted.get().covers(model.foundationModel())) return model.id();
            }
        }
        return null;
    }

    private static Optional<Candidate> candidate(ModelId model, String region, RegionCatalog offered) {
        return switch (model) {
            case ModelId.FoundationModel f -> offered.foundationModel(f.value()).filter(FoundationModelEntry::onDemand)
                    .map(e -> new Candidate(f.value(), region, true, List.of(region), false));
            case ModelId.InferenceProfile p -> offered.inferenceProfile(p.value())
                    .filter(e -> e.systemDefined() && e.active())
                    .map(e -> new Candidate(p.value(), region, false, destinations(e), p.geography() == Geography.GLOBAL));
            case ModelId.Family f -> Optional.empty();
        };
    }

    /** The regions of a profile's model ARNs; "*" for a region-less ARN (a global profile routes anywhere). */
    private static List<String> destinations(InferenceProfileEntry profile) {
        List<String> regions = new ArrayList<>();
        for (String arn : profile.modelArns()) {
            Matcher m = DESTINATION.matcher(arn);
            if (m.matches()) regions.add(m.group(1).isEmpty() ? "*" : m.group(1));
        }
        return regions.isEmpty() ? List.of("*") : regions;
    }

    private static Optional<FoundationModelEntry> describe(String foundationModel, CatalogSnapshot catalog) {
        return catalog.regions().values().stream()
                .flatMap(region -> region.foundationModel(foundationModel).stream())
                .findFirst();
    }

    private record Candidate(String id, String region, boolean onDemand, List<String> destinations, boolean global) {}
}
