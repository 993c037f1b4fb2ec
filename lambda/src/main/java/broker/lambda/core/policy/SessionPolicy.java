package broker.lambda.core.policy;

import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.entitlements.ModelId.FoundationModel;
import broker.lambda.core.entitlements.ModelId.InferenceProfile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the compact IAM session policy passed to {@code AssumeRole}.
 *
 * <p>Shape, in this order (ARNs sorted, no whitespace, a one-element list written as a string):
 * <ol>
 *   <li>when the grants name a cross-region inference profile: {@code GetInferenceProfile}, {@code InvokeModel}
 *       and {@code InvokeModelWithResponseStream} on those profiles and on the foundation models behind them in
 *       every destination region of the profile's geography (see {@link #destinationRegions}). A profile ARN
 *       takes {@code *} as its region: IAM must allow its model in every region of the geography anyway, so
 *       limiting the region a request enters through would protect nothing, and one ARN per profile keeps a
 *       document with many groups inside the size limit. ({@code GetInferenceProfile} never acts on a
 *       foundation-model ARN, so listing the two kinds together grants nothing more.)</li>
 *   <li>one statement per distinct region set of the grants that name foundation models directly:
 *       {@code InvokeModel} and {@code InvokeModelWithResponseStream} on those models with {@code *} as the
 *       ARN's region, held to the set by {@code aws:RequestedRegion} — one ARN per model, not per model and
 *       region. A foundation model that the same grant also names through a profile needs no ARN here.</li>
 *   <li>{@code ListInferenceProfiles} on {@code *};</li>
 *   <li>when {@link PolicyScope#bearerToken()}: {@code CallWithBearerToken} on {@code *} for
 *       {@code SHORT_TERM} tokens only.</li>
 * </ol>
 *
 * <p>Every saving is made inside one grant, never across grants, so the policy only grows when grants are
 * added, and only shrinks when every grant is narrowed by the same regions and models (see
 * {@code Entitlement.narrowedTo}): the policy of all the grants of a document together bounds the policy
 * of every user and request, which is what the validator checks.
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

    /** The minified policy JSON for this scope; throws IllegalArgumentException for a model id that is not valid. */
    public static String build(PolicyScope scope) {
        String partition = scope.partition();
        SortedSet<String> crossRegion = new TreeSet<>();
        Map<String, RegionGroup> direct = new TreeMap<>();
        for (Grant grant : scope.grants()) {
            List<String> regions = grant.regions().stream().distinct().sorted().toList();
            List<ModelId> models = grant.models().stream().distinct().map(SessionPolicy::modelId).toList();
            if (regions.isEmpty() || models.isEmpty()) {
                continue;
            }
            Set<String> profiled = new HashSet<>();
            for (ModelId model : models) {
                if (model instanceof InferenceProfile profile) {
                    profiled.add(profile.foundationModelId());
                }
            }
            for (ModelId model : models) {
                switch (model) {
                    case InferenceProfile profile -> {
                        crossRegion.add(inferenceProfileArn(partition, scope.accountId(), profile.value()));
                        crossRegion.addAll(destinationArns(partition, profile, regions));
                    }
                    case FoundationModel foundationModel -> {
                        // A profile of the same model in this grant already allows it in all these regions.
                        if (!profiled.contains(foundationModel.value())) {
                            direct.computeIfAbsent(String.join(",", regions), key -> new RegionGroup(regions))
                                    .models.add(foundationModelArn(partition, "*", foundationModel.value()));
                        }
                    }
                }
            }
        }
        return write(crossRegion, direct.values(), scope.bearerToken());
    }

    /**
     * The region field of the foundation-model ARNs that a cross-region profile of this geography routes to.
     * A geography is a whole region family, so one wildcard names exactly its regions inside the role's
     * partition ({@code us-*} in {@code aws} is us-east-1, us-east-2, us-west-1, us-west-2; GovCloud regions
     * live in {@code aws-us-gov}) and stays right when AWS adds a region to it. {@code global.} profiles route
     * to every commercial region, so their model is allowed in every region and region-less; a geography
     * whose profiles route outside its family would need a list of regions here instead.
     */
    static String destinationRegions(Geography geography) {
        return switch (geography) {
            case US -> "us-*";
            case EU -> "eu-*";
            case APAC -> "ap-*";
            case US_GOV -> "us-gov-*";
            case GLOBAL -> "*";
        };
    }

    private static List<String> destinationArns(String partition, InferenceProfile profile, List<String> sourceRegions) {
        String model = profile.foundationModelId();
        String pattern = destinationRegions(profile.geography());
        List<String> arns = new ArrayList<>();
        arns.add(foundationModelArn(partition, pattern, model));
        if (profile.geography() == Geography.GLOBAL) {
            // Global profiles invoke the region-less foundation-model ARN (aws:RequestedRegion "unspecified").
            arns.add(foundationModelArn(partition, "", model));
        } else {
            // The source region's own model is used too; name it when the grant lists a region outside the family.
            sourceRegions.stream()
                    .filter(region -> !Glob.matches(pattern, region))
                    .forEach(region -> arns.add(foundationModelArn(partition, region, model)));
        }
        return arns;
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
