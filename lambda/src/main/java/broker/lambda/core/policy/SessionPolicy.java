package broker.lambda.core.policy;

import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.entitlements.ModelId.Family;
import broker.lambda.core.entitlements.ModelId.FoundationModel;
import broker.lambda.core.entitlements.ModelId.InferenceProfile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the compact IAM session policy passed to {@code AssumeRole}.
 *
 * <p>Shape, in this order (ARNs sorted, no whitespace, a one-element list written as a string):
 * <ol>
 *   <li>when the grants name a cross-region inference profile or a model family: {@code GetInferenceProfile},
 *       {@code InvokeModel} and {@code InvokeModelWithResponseStream} on those profiles and on the foundation
 *       models behind them in their destination regions. A profile ARN takes {@code *} as its region: IAM must
 *       allow its model in every destination region anyway, so limiting the region a request enters through would
 *       protect nothing, and one ARN per profile keeps a document with many groups inside the size limit.
 *       ({@code GetInferenceProfile} never acts on a foundation-model ARN, so listing the two kinds together grants
 *       nothing more.)</li>
 *   <li>one statement per distinct region set of the grants that name foundation models directly:
 *       {@code InvokeModel} and {@code InvokeModelWithResponseStream} on those models with {@code *} as the
 *       ARN's region, held to the set by {@code aws:RequestedRegion} — one ARN per model, not per model and
 *       region. A foundation model that item 1 already allows in every region of the grant needs no ARN here.</li>
 *   <li>{@code ListInferenceProfiles} on {@code *};</li>
 *   <li>when {@link PolicyScope#bearerToken()}: {@code CallWithBearerToken} on {@code *} for
 *       {@code SHORT_TERM} tokens only.</li>
 * </ol>
 *
 * <p>Two derivations fill item 1. The <em>static</em> one ({@link #build(PolicyScope)}) knows only the entitlements:
 * a profile's destinations are the region family of its geography ({@link #destinationRegions}), and a family
 * becomes an ARN wildcard. The <em>catalog</em> one ({@link #build(PolicyScope, CatalogSnapshot)}) allows, for each
 * profile Bedrock lists in the grant's regions, exactly the foundation-model ARNs of its {@code models[]}; profiles
 * the catalog does not list keep their static derivation.
 *
 * <p>In the static derivation every saving is made inside one grant, never across grants, so the policy only grows
 * when grants are added, and only shrinks when every grant is narrowed by the same regions and models (see
 * {@code Entitlement.narrowedTo}): the policy of all the grants of a document together bounds the policy of every
 * user and request, which is what the validator checks. The catalog derivation can be longer (one ARN per
 * destination region instead of one wildcard): callers fall back to the static one when it does not fit
 * {@link #MAX_CHARS}.
 */
public final class SessionPolicy {
    /** STS limit on the plaintext session policy (policy + policy ARNs). */
    public static final int MAX_CHARS = 2048;

    static final String INVOKE = "bedrock:InvokeModel";
    static final String INVOKE_STREAM = "bedrock:InvokeModelWithResponseStream";
    static final String GET_PROFILE = "bedrock:GetInferenceProfile";
    static final String LIST_PROFILES = "bedrock:ListInferenceProfiles";
    static final String CALL_WITH_BEARER_TOKEN = "bedrock:CallWithBearerToken";

    private static final JsonFactory JSON = new JsonFactory();

    private SessionPolicy() {}

    /** The minified policy JSON for this scope, from the entitlements alone; throws IllegalArgumentException for an invalid model id. */
    public static String build(PolicyScope scope) {
        return derive(scope, null);
    }

    /**
     * The minified policy JSON for this scope with each inference profile's destinations taken from the catalog.
     * The result may be longer than {@link #MAX_CHARS}: the caller then uses {@link #build(PolicyScope)}.
     */
    public static String build(PolicyScope scope, CatalogSnapshot catalog) {
        return derive(scope, Objects.requireNonNull(catalog, "catalog"));
    }

    private static String derive(PolicyScope scope, CatalogSnapshot catalog) {
        String partition = scope.partition();
        SortedSet<String> crossRegion = new TreeSet<>();
        Map<String, RegionGroup> direct = new TreeMap<>();
        for (Grant grant : scope.grants()) {
            List<String> regions = grant.regions().stream().distinct().sorted().toList();
            List<ModelId> models = grant.models().stream().distinct().map(SessionPolicy::modelId).toList();
            if (regions.isEmpty() || models.isEmpty()) {
                continue;
            }
            List<String> routed = new ArrayList<>();
            for (ModelId model : models) {
                switch (model) {
                    case InferenceProfile profile -> {
                        routed.add(inferenceProfileArn(partition, scope.accountId(), profile.value()));
                        List<String> derived = destinationArns(partition, profile.geography(),
                                profile.foundationModelId(), regions);
                        routed.addAll(catalogDestinations(partition, profile, regions, catalog, derived).orElse(derived));
                    }
                    case Family family -> routed.addAll(familyArns(partition, scope.accountId(), family, regions));
                    case FoundationModel foundationModel -> { }
                }
            }
            crossRegion.addAll(routed);
            for (ModelId model : models) {
                if (model instanceof FoundationModel foundationModel
                        && !allowedEverywhere(partition, foundationModel.value(), regions, routed)) {
                    direct.computeIfAbsent(String.join(",", regions), key -> new RegionGroup(regions))
                            .models.add(foundationModelArn(partition, "*", foundationModel.value()));
                }
            }
        }
        return write(crossRegion, direct.values(), scope.bearerToken());
    }

    /**
     * The region fields of the foundation-model ARNs that a cross-region profile of this geography routes to. Where
     * a geography is a whole region family, one wildcard names exactly its regions inside the role's partition
     * ({@code us-*} in {@code aws} is us-east-1, us-east-2, us-west-1, us-west-2; GovCloud regions live in
     * {@code aws-us-gov}) and stays right when AWS adds a region to it. APAC profiles also route to me-central-1;
     * the Japan and Australia profiles route to two named regions each (a wildcard would take in Seoul or Singapore).
     * {@code global.} profiles route to every commercial region, so their model is allowed in every region and
     * region-less.
     */
    static List<String> destinationRegions(Geography geography) {
        return switch (geography) {
            case US -> List.of("us-*");
            case EU -> List.of("eu-*");
            case APAC -> List.of("ap-*", "me-central-1");
            case JP -> List.of("ap-northeast-1", "ap-northeast-3");
            case AU -> List.of("ap-southeast-2", "ap-southeast-4");
            case US_GOV -> List.of("us-gov-*");
            case GLOBAL -> List.of("*");
        };
    }

    /** The static destinations of a profile (or a prefixed family) of this geography, entered from these regions. */
    private static List<String> destinationArns(String partition, Geography geography, String model,
                                                List<String> sourceRegions) {
        List<String> patterns = destinationRegions(geography);
        List<String> arns = new ArrayList<>();
        patterns.forEach(pattern -> arns.add(foundationModelArn(partition, pattern, model)));
        if (geography == Geography.GLOBAL) {
            // Global profiles invoke the region-less foundation-model ARN (aws:RequestedRegion "unspecified").
            arns.add(foundationModelArn(partition, "", model));
        } else {
            // The source region's own model is used too; name it when the grant lists a region outside the family.
            sourceRegions.stream()
                    .filter(region -> patterns.stream().noneMatch(pattern -> Glob.matches(pattern, region)))
                    .forEach(region -> arns.add(foundationModelArn(partition, region, model)));
        }
        return arns;
    }

    /**
     * A family as ARN wildcards. With a geography prefix it is that geography's profiles of the matching models;
     * without one it is the profiles of every geography and the matching models in every region (and region-less,
     * for global profiles): the ceiling of whatever the catalog may resolve it to.
     */
    private static List<String> familyArns(String partition, String accountId, Family family, List<String> regions) {
        List<String> arns = new ArrayList<>();
        if (family.geography() != null) {
            arns.add(inferenceProfileArn(partition, accountId, family.value()));
            arns.addAll(destinationArns(partition, family.geography(), family.foundationModelId(), regions));
        } else {
            arns.add(inferenceProfileArn(partition, accountId, "*." + family.foundationModelId()));
            arns.add(foundationModelArn(partition, "*", family.foundationModelId()));
            arns.add(foundationModelArn(partition, "", family.foundationModelId()));
        }
        return arns;
    }

    /**
     * The foundation-model ARNs that the catalog lists for this profile in the grant's regions, or empty when the
     * catalog does not know it there (the caller then derives them statically). A global profile routes to any
     * commercial region: its static wildcard is already exact, and listing every region would not fit. Only ARNs
     * inside the static derivation are kept: that is what the Bedrock role's ceiling allows, so the catalog can
     * narrow a policy but never widen it.
     */
    private static Optional<List<String>> catalogDestinations(String partition, InferenceProfile profile,
                                                              List<String> regions, CatalogSnapshot catalog,
                                                              List<String> ceiling) {
        if (catalog == null || profile.geography() == Geography.GLOBAL) {
            return Optional.empty();
        }
        Pattern valid = Pattern.compile("arn:" + Pattern.quote(partition) + ":bedrock:[a-z0-9-]{0,32}::foundation-model/"
                + Pattern.quote(profile.foundationModelId()));
        SortedSet<String> arns = new TreeSet<>();
        for (String region : regions) {
            catalog.region(region).flatMap(c -> c.inferenceProfile(profile.value()))
                    .filter(InferenceProfileEntry::systemDefined)
                    // Bedrock's own answer still lands in an IAM policy: take only plain ARNs of the profile's model.
                    .ifPresent(entry -> entry.modelArns().stream()
                            .filter(arn -> valid.matcher(arn).matches())
                            .filter(arn -> ceiling.stream().anyMatch(allowed -> Glob.matches(allowed, arn)))
                            .forEach(arns::add));
        }
        return arns.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(arns));
    }

    /** True when the grant's profile and family ARNs already allow this model in every one of its regions. */
    private static boolean allowedEverywhere(String partition, String model, List<String> regions, List<String> routed) {
        return regions.stream().allMatch(region -> {
            String arn = foundationModelArn(partition, region, model);
            return routed.stream().anyMatch(allowed -> Glob.matches(allowed, arn));
        });
    }

    static String foundationModelArn(String partition, String region, String model) {
        return "arn:" + partition + ":bedrock:" + region + "::foundation-model/" + model;
    }

    static String inferenceProfileArn(String partition, String accountId, String profile) {
        return "arn:" + partition + ":bedrock:*:" + accountId + ":inference-profile/" + profile;
    }

    private static ModelId modelId(String text) {
        return ModelId.parse(text).orElseThrow(() -> new IllegalArgumentException("not a Bedrock model id: " + text));
    }

    private static String write(SortedSet<String> crossRegion, Collection<RegionGroup> direct, boolean bearerToken) {
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("Version", "2012-10-17");
            json.writeArrayFieldStart("Statement");
            if (!crossRegion.isEmpty()) {
                statement(json, List.of(GET_PROFILE, INVOKE, INVOKE_STREAM), crossRegion, null, null);
            }
            for (RegionGroup group : direct) {
                statement(json, List.of(INVOKE, INVOKE_STREAM), group.models, "aws:RequestedRegion", group.regions);
            }
            // ListInferenceProfiles has no resource type in the Service Authorization Reference: only "*" works.
            // It returns profile metadata, never model access; Claude Code calls it at start-up.
            statement(json, List.of(LIST_PROFILES), List.of("*"), null, null);
            if (bearerToken) {
                // CallWithBearerToken has no resource type either; the condition keeps it to short-term keys
                // signed from these credentials, never long-term ones.
                statement(json, List.of(CALL_WITH_BEARER_TOKEN), List.of("*"),
                        "bedrock:BearerTokenType", List.of("SHORT_TERM"));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void statement(JsonGenerator json, List<String> actions, Collection<String> resources,
                                  String conditionKey, List<String> conditionValues) throws IOException {
        json.writeStartObject();
        json.writeStringField("Effect", "Allow");
        json.writeFieldName("Action");
        stringOrArray(json, actions);
        json.writeFieldName("Resource");
        stringOrArray(json, resources);
        if (conditionKey != null) {
            json.writeObjectFieldStart("Condition");
            json.writeObjectFieldStart("StringEquals");
            json.writeFieldName(conditionKey);
            stringOrArray(json, conditionValues);
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stringOrArray(JsonGenerator json, Collection<String> values) throws IOException {
        if (values.size() == 1) {
            json.writeString(values.iterator().next());
            return;
        }
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** The foundation models named directly by grants whose regions are exactly {@code regions}: one statement. */
    private static final class RegionGroup {
        final List<String> regions;
        final SortedSet<String> models = new TreeSet<>();

        RegionGroup(List<String> regions) {
            this.regions = regions;
        }
    }
}
