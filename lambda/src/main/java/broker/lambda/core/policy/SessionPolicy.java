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
 * Builds the compact IAM session policy passed to {@code AssumeRole}. It allows exactly what the grants entitle:
 *
 * <ol>
 *   <li><b>Entered</b>, one statement per distinct region set: {@code InvokeModel} and
 *       {@code InvokeModelWithResponseStream} on every inference profile and every foundation model named directly, each
 *       held by {@code aws:RequestedRegion} to the regions of the grants that name it (the source regions of a
 *       profile). The ARNs take {@code *} as their region and the condition names the regions: one ARN per id, not per
 *       id and region. An entry's regions are the union of the regions of every grant that names it, so an id named by
 *       several grants appears once.</li>
 *   <li><b>Routed</b>: the same two actions on the foundation models the profiles route to, in their destination
 *       regions (region-less for {@code global.}), only when the call comes through an inference profile of the
 *       account ({@code ArnLike bedrock:InferenceProfileArn}): nobody can call those models directly there. Bedrock
 *       checks both the profile (in the source region, item 1) and the routed model, so only entitled profiles reach
 *       these ARNs, and a profile only routes to its own model.</li>
 *   <li>{@code GetInferenceProfile} and {@code ListInferenceProfiles} on {@code *}: neither grants model access, the
 *       second has no resource type, and it already returns what the first does for every profile.</li>
 *   <li>when {@link PolicyScope#bearerToken()}: {@code CallWithBearerToken} on {@code *} for {@code SHORT_TERM}
 *       tokens only.</li>
 * </ol>
 *
 * <p>Two derivations fill the routed statement. The <em>static</em> one ({@link #build(PolicyScope)}) knows only the
 * entitlements: a profile's destinations are its geography's regions ({@link #destinationRegions}), and a family
 * becomes ARN wildcards: its models in the grant's regions, and its profiles of the geographies whose profiles Bedrock
 * offers in those regions ({@link Geography#isSourceRegion}; an EU-only grant gets {@code eu.} and {@code global.}
 * profiles, never {@code us.}). The <em>catalog</em> one ({@link #build(PolicyScope, CatalogSnapshot)}) routes each
 * profile Bedrock lists in the grant's regions to exactly the foundation-model ARNs of its {@code models[]}; profiles
 * the catalog does not list keep their static derivation.
 *
 * <p>Size: the policy's length only depends on the set of (entry, regions) pairs and routed ARNs, so narrowing a
 * request to fewer models or regions never makes it longer; leaving a grant out can split an entry's regions and so add
 * a statement, which is why {@link EntitlementsCheck} bounds the policy of every combination of a document's grants.
 */
public final class SessionPolicy {
    /** STS limit on the plaintext session policy (policy + policy ARNs). */
    public static final int MAX_CHARS = 2048;

    static final String INVOKE = "bedrock:InvokeModel";
    static final String INVOKE_STREAM = "bedrock:InvokeModelWithResponseStream";
    static final String GET_PROFILE = "bedrock:GetInferenceProfile";
    static final String LIST_PROFILES = "bedrock:ListInferenceProfiles";
    static final String CALL_WITH_BEARER_TOKEN = "bedrock:CallWithBearerToken";
    static final String REQUESTED_REGION = "aws:RequestedRegion";
    static final String INFERENCE_PROFILE_ARN = "bedrock:InferenceProfileArn";

    private static final JsonFactory JSON = new JsonFactory();

    private SessionPolicy() {}

    /** The minified policy JSON for this scope, from the entitlements alone; throws IllegalArgumentException for an invalid model id. */
    public static String build(PolicyScope scope) {
        return derive(scope, null, Routing.GEOGRAPHY, false);
    }

    /**
     * The compact form of {@link #build(PolicyScope)}: the routed statement names each profile's model in every
     * region ({@code *}, and region-less for {@code global.}) instead of its geography's regions. It allows the same
     * calls (the routed models are still reached only through the entitled profiles, which route within their
     * geography), in fewer characters: sent when the static form does not fit.
     */
    public static String compact(PolicyScope scope) {
        return derive(scope, null, Routing.MODEL, false);
    }

    /**
     * The smallest form: the routed statement allows any foundation model, in any region, through an inference profile
     * of the account. It still allows the same calls as {@link #build(PolicyScope)}: a profile only routes to its own
     * model, within its geography, and only the entitled profiles can be called, from their entitled regions (the
     * entered statements); so a model is reached through a profile exactly when an entitled profile routes to it. This
     * is the form {@link EntitlementsCheck} bounds, sent only when no other form fits.
     */
    public static String minimal(PolicyScope scope) {
        return derive(scope, null, Routing.ANY_MODEL, false);
    }

    /**
     * The minified policy JSON for this scope with each inference profile's destinations taken from the catalog.
     * The result may be longer than {@link #MAX_CHARS}: the caller then uses {@link #build(PolicyScope)}.
     */
    public static String build(PolicyScope scope, CatalogSnapshot catalog) {
        return derive(scope, Objects.requireNonNull(catalog, "catalog"), Routing.CATALOG, false);
    }

    /**
     * A length that no static policy of any subset of these grants, narrowed to any of their entries and regions,
     * exceeds: the policy written with one statement per <em>class</em> of entries (the entries named by exactly the
     * same grants), each with the regions of all those grants. A subset's entries of one class always share their
     * regions, so its statements are at most the classes, each region list at most its class's.
     */
    static int upperBound(PolicyScope scope) {
        return derive(scope, null, Routing.ANY_MODEL, true).length();
    }

    /** Where the routed statement's model ARNs come from. */
    private enum Routing {
        /** Each profile's destinations as the catalog lists them, else as {@link #GEOGRAPHY}. */
        CATALOG,
        /** The regions of each profile's geography ({@link #destinationRegions}). */
        GEOGRAPHY,
        /** The profile's model in any region. */
        MODEL,
        /** Any model in any region (still only through a profile). */
        ANY_MODEL
    }

    private static String derive(PolicyScope scope, CatalogSnapshot catalog, Routing routing, boolean perClass) {
        String partition = scope.partition();
        String account = scope.accountId();
        Map<String, SortedSet<String>> entered = new TreeMap<>(); // ARN → the regions it may be called in
        Map<String, SortedSet<Integer>> namedBy = new TreeMap<>();  // ARN → the grants that name it
        SortedSet<String> routed = new TreeSet<>();
        for (int index = 0; index < scope.grants().size(); index++) {
            Grant grant = scope.grants().get(index);
            List<String> regions = grant.regions().stream().distinct().sorted().toList();
            List<ModelId> models = grant.models().stream().distinct().map(SessionPolicy::modelId).toList();
            if (regions.isEmpty() || models.isEmpty()) continue;
            Map<String, SortedSet<String>> mine = new TreeMap<>();
            for (ModelId model : models) {
                switch (model) {
                    case InferenceProfile profile -> {
                        enter(mine, inferenceProfileArn(partition, account, profile.value()), regions);
                        List<String> derived = destinationArns(partition, profile.geography(),
                                profile.foundationModelId(), regions, routing);
                        routed.addAll(routing != Routing.CATALOG ? derived
                                : catalogDestinations(partition, profile, regions, catalog, derived).orElse(derived));
                    }
                    case Family family -> {
                        if (family.geography() == null) {
                            enter(mine, foundationModelArn(partition, "*", family.foundationModelId()), regions);
                        }
                        for (Geography geography : Geography.values()) {
                            boolean named = family.geography() == null || family.geography() == geography;
                            if (named && regions.stream().anyMatch(geography::isSourceRegion)) {
                                enter(mine, inferenceProfileArn(partition, account,
                                        geography.prefix() + "." + family.foundationModelId()), regions);
                                routed.addAll(destinationArns(partition, geography, family.foundationModelId(), regions,
                                        routing));
                            }
                        }
                    }
                    case FoundationModel foundationModel ->
                            enter(mine, foundationModelArn(partition, "*", foundationModel.value()), regions);
                }
            }
            int grantIndex = index;
            mine.forEach((arn, arnRegions) -> {
                enter(entered, arn, List.copyOf(arnRegions));
                namedBy.computeIfAbsent(arn, key -> new TreeSet<>()).add(grantIndex);
            });
        }
        Map<String, RegionStatement> byRegions = new TreeMap<>();
        entered.forEach((arn, regions) -> byRegions
                .computeIfAbsent(perClass ? namedBy.get(arn).toString() : String.join(",", regions),
                        key -> new RegionStatement(new TreeSet<>()))
                .add(arn, regions));
        return write(byRegions.values(), routed, inferenceProfileArn(partition, account, "*"), scope.bearerToken());
    }

    private static void enter(Map<String, SortedSet<String>> entered, String arn, Collection<String> regions) {
        entered.computeIfAbsent(arn, key -> new TreeSet<>()).addAll(regions);
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

    /** The static destinations of a profile (or a family's profiles) of this geography, entered from these regions. */
    private static List<String> destinationArns(String partition, Geography geography, String model,
                                                List<String> sourceRegions, Routing routing) {
        if (routing == Routing.ANY_MODEL) {
            return List.of(foundationModelArn(partition, "*", "*"), foundationModelArn(partition, "", "*"));
        }
        List<String> patterns = routing == Routing.MODEL ? List.of("*") : destinationRegions(geography);
        List<String> arns = new ArrayList<>();
        patterns.forEach(pattern -> arns.add(foundationModelArn(partition, pattern, model)));
        if (geography == Geography.GLOBAL) {
            // Global profiles invoke the region-less foundation-model ARN.
            arns.add(foundationModelArn(partition, "", model));
        } else if (routing != Routing.MODEL) {
            // The source region's own model is used too; name it when the grant lists a region outside the family.
            sourceRegions.stream()
                    .filter(geography::isSourceRegion)
                    .filter(region -> patterns.stream().noneMatch(pattern -> Glob.matches(pattern, region)))
                    .forEach(region -> arns.add(foundationModelArn(partition, region, model)));
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

    static String foundationModelArn(String partition, String region, String model) {
        return "arn:" + partition + ":bedrock:" + region + "::foundation-model/" + model;
    }

    static String inferenceProfileArn(String partition, String accountId, String profile) {
        return "arn:" + partition + ":bedrock:*:" + accountId + ":inference-profile/" + profile;
    }

    private static ModelId modelId(String text) {
        return ModelId.parse(text).orElseThrow(() -> new IllegalArgumentException("not a Bedrock model id: " + text));
    }

    private static String write(Collection<RegionStatement> entered, SortedSet<String> routed, String anyProfile,
                                boolean bearerToken) {
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("Version", "2012-10-17");
            json.writeArrayFieldStart("Statement");
            for (RegionStatement statement : entered) {
                statement(json, List.of(INVOKE, INVOKE_STREAM), statement.resources,
                        "StringEquals", REQUESTED_REGION, List.copyOf(statement.regions));
            }
            if (!routed.isEmpty()) {
                // Only through a profile: Bedrock sets bedrock:InferenceProfileArn when a profile routes the call.
                statement(json, List.of(INVOKE, INVOKE_STREAM), routed, "ArnLike", INFERENCE_PROFILE_ARN,
                        List.of(anyProfile));
            }
            // ListInferenceProfiles has no resource type in the Service Authorization Reference: only "*" works. It
            // returns every profile's metadata, which is all GetInferenceProfile returns; neither grants model access.
            // Claude Code calls both at start-up.
            statement(json, List.of(GET_PROFILE, LIST_PROFILES), List.of("*"), null, null, null);
            if (bearerToken) {
                // CallWithBearerToken has no resource type either; the condition keeps it to short-term keys
                // signed from these credentials, never long-term ones.
                statement(json, List.of(CALL_WITH_BEARER_TOKEN), List.of("*"),
                        "StringEquals", "bedrock:BearerTokenType", List.of("SHORT_TERM"));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void statement(JsonGenerator json, List<String> actions, Collection<String> resources,
                                  String operator, String conditionKey, List<String> conditionValues) throws IOException {
        json.writeStartObject();
        json.writeStringField("Effect", "Allow");
        json.writeFieldName("Action");
        stringOrArray(json, actions);
        json.writeFieldName("Resource");
        stringOrArray(json, resources);
        if (conditionKey != null) {
            json.writeObjectFieldStart("Condition");
            json.writeObjectFieldStart(operator);
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

    /** The entries that may be called in exactly {@code regions}: one statement. */
    private static final class RegionStatement {
        final SortedSet<String> regions;
        final SortedSet<String> resources = new TreeSet<>();

        RegionStatement(SortedSet<String> regions) {
            this.regions = regions;
        }

        void add(String arn, Collection<String> arnRegions) {
            resources.add(arn);
            regions.addAll(arnRegions);
        }
    }
}
