package broker.lambda.core.catalog;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small catalogs for tests, shaped like Bedrock's answers: Claude models offered only through inference profiles,
 * {@code us.} and {@code eu.} profiles routing to the regions Bedrock lists for them, {@code global.} profiles.
 */
public final class Catalogs {
    public static final Instant FETCHED = Instant.parse("2026-11-25T11:55:00Z");
    public static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    public static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    public static final String OPUS = "anthropic.claude-opus-4-1-20250805-v1:0";
    public static final String NOVA = "amazon.nova-micro-v1:0";
    public static final List<String> US_DESTINATIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    public static final List<String> EU_DESTINATIONS = List.of("eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3");

    private Catalogs() {}

    /** A snapshot of these regions, fetched at {@link #FETCHED}. */
    @SafeVarargs
    public static CatalogSnapshot snapshot(Map.Entry<String, RegionCatalog>... regions) {
        Map<String, RegionCatalog> all = new LinkedHashMap<>();
        for (Map.Entry<String, RegionCatalog> region : regions) all.put(region.getKey(), region.getValue());
        return new CatalogSnapshot(all, FETCHED);
    }

    public static Map.Entry<String, RegionCatalog> region(String name, List<FoundationModelEntry> models,
                                                         List<InferenceProfileEntry> profiles) {
        return Map.entry(name, new RegionCatalog(models, profiles));
    }

    /** What a US region offers: Sonnet, Haiku and Opus through us. profiles, Sonnet and Haiku through global., Nova on demand. */
    public static Map.Entry<String, RegionCatalog> usRegion(String name) {
        return region(name,
                List.of(profileOnly(name, SONNET, "Claude Sonnet 4.5"), profileOnly(name, HAIKU, "Claude Haiku 4.5"),
                        profileOnly(name, OPUS, "Claude Opus 4.1"), onDemand(name, NOVA, "Nova Micro")),
                List.of(profile(name, "us." + SONNET, US_DESTINATIONS), profile(name, "us." + HAIKU, US_DESTINATIONS),
                        profile(name, "us." + OPUS, US_DESTINATIONS), globalProfile(name, "global." + SONNET),
                        globalProfile(name, "global." + HAIKU), profile(name, "us." + NOVA, US_DESTINATIONS)));
    }

    /** What an EU region offers: Sonnet and Haiku through eu. and global. profiles. */
    public static Map.Entry<String, RegionCatalog> euRegion(String name) {
        return region(name,
                List.of(profileOnly(name, SONNET, "Claude Sonnet 4.5"), profileOnly(name, HAIKU, "Claude Haiku 4.5")),
                List.of(profile(name, "eu." + SONNET, EU_DESTINATIONS), profile(name, "eu." + HAIKU, EU_DESTINATIONS),
                        globalProfile(name, "global." + SONNET), globalProfile(name, "global." + HAIKU)));
    }

    public static FoundationModelEntry onDemand(String region, String id, String name) {
        return new FoundationModelEntry(id, fmArn(region, id), name, provider(id), true, true, true);
    }

    public static FoundationModelEntry profileOnly(String region, String id, String name) {
        return new FoundationModelEntry(id, fmArn(region, id), name, provider(id), true, false, true);
    }

    /** A system-defined profile routing to its model in these destination regions. */
    public static InferenceProfileEntry profile(String region, String id, List<String> destinations) {
        String model = id.substring(id.indexOf('.') + 1);
        return new InferenceProfileEntry(id, "arn:aws:bedrock:" + region + ":123456789012:inference-profile/" + id,
                id, true, true, destinations.stream().map(d -> fmArn(d, model)).toList());
    }

    /** A global profile: Bedrock lists the region-less model ARN. */
    public static InferenceProfileEntry globalProfile(String region, String id) {
        String model = id.substring(id.indexOf('.') + 1);
        return new InferenceProfileEntry(id, "arn:aws:bedrock:" + region + ":123456789012:inference-profile/" + id,
                id, true, true, List.of(fmArn("", model)));
    }

    public static String fmArn(String region, String model) {
        return "arn:aws:bedrock:" + region + "::foundation-model/" + model;
    }

    @SafeVarargs
    public static <T> List<T> concat(List<T>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    public static <T> List<T> with(List<T> list, T extra) {
        return Stream.concat(list.stream(), Stream.of(extra)).toList();
    }

    private static String provider(String id) {
        return id.startsWith("anthropic.") ? "Anthropic" : "Amazon";
    }
}
