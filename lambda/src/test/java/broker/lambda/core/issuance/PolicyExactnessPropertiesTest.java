package broker.lambda.core.issuance;

import static broker.lambda.core.issuance.CredentialsServiceTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.FoundationModelEntry;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.catalog.RegionCatalog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.policy.PolicyEvaluator;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.SessionPolicy;
import broker.lambda.core.state.IssuanceRecorder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The session policy allows exactly the entitlement, judged by {@link PolicyEvaluator} (IAM's evaluation of our policy
 * shape) over every call Bedrock can receive, for random entitlements, random catalogs (what Bedrock really offers,
 * which the broker may know trusted, only from an old snapshot, or not at all) and random requests:
 *
 * <ul>
 *   <li>a direct call: {@code InvokeModel[WithResponseStream]} on a foundation model in a region;</li>
 *   <li>a call through a profile: the profile's ARN in the source region, and its model in the destination Bedrock
 *       routes it to, with {@code bedrock:InferenceProfileArn} set (Bedrock authorizes both).</li>
 * </ul>
 *
 * Sound: every call the session policy allows is one the entitlement (cut to the request) allows. Complete: every call
 * the entitlement allows and Bedrock offers is allowed by the session policy and by the Bedrock role's own policy (the
 * document's ceiling), which IAM also requires.
 */
class PolicyExactnessPropertiesTest {
    static final String ACCOUNT = "123456789012";
    static final List<String> BASES = List.of("anthropic.claude-sonnet-4-5-20250929-v1:0",
            "anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-micro-v1:0");
    static final List<String> FAMILIES = List.of("anthropic.claude-*", "anthropic.claude-sonnet-4-5*", "amazon.nova-*",
            "eu.anthropic.claude-*", "us.anthropic.claude-haiku-*", "global.anthropic.claude-*");
    static final List<String> PREFIXES = List.of("", "us.", "eu.", "apac.", "jp.", "au.", "global.");
    static final List<String> SOURCE_REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "ca-central-1",
            "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2");
    static final Map<Geography, List<String>> DESTINATIONS = Map.of(
            Geography.US, List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2"),
            Geography.EU, List.of("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"),
            Geography.APAC, List.of("ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "me-central-1"),
            Geography.JP, List.of("ap-northeast-1", "ap-northeast-3"),
            Geography.AU, List.of("ap-southeast-2", "ap-southeast-4"),
            Geography.GLOBAL, List.of(""));
    static final List<String> ALL_REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "eu-west-1", "eu-central-1", "eu-west-3", "eu-north-1", "ap-northeast-1", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-4", "me-central-1", "sa-east-1");
    static final List<String> ACTIONS = List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the broker sees Bedrock's catalog at the moment of the request. */
    enum Knowledge { NONE, TRUSTED, LAST_KNOWN }

    @Property(tries = 400)
    void credentials_anyEntitlementCatalogAndRequest_allowExactlyTheEntitlement(
            @ForAll("grants") List<Grant> grants, @ForAll("catalogs") CatalogSnapshot bedrock,
            @ForAll Knowledge knowledge, @ForAll("regionChoice") Optional<String> region,
            @ForAll("requestedModels") List<String> requested) throws Exception {
        var sts = new CredentialsServiceTest.FakeIssuer();
        EntitlementsDocument document = EntitlementsDocument.parse(document(grants));
        ModelCatalog catalog = switch (knowledge) {
            case NONE -> ModelCatalog.NONE;
            case TRUSTED -> () -> Optional.of(bedrock);
            case LAST_KNOWN -> new ModelCatalog() {
                @Override public Optional<CatalogSnapshot> current() { return Optional.empty(); }
                @Override public Optional<CatalogSnapshot> lastKnown() { return Optional.of(bedrock); }
            };
        };
        var service = new CredentialsService(document, sts, new CredentialsServiceTest.FakeMinter(),
                new BedrockAccount("aws", ACCOUNT), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC), catalog, ModelPreferences.DEFAULT,
                IssuanceRecorder.NONE, BudgetGate.OFF);
        List<String> models = requested.stream().map(m -> m.equals("*entry*") ? grants.getFirst().models().getFirst() : m)
                .distinct().toList();
        Identity user = CredentialsServiceTest.user(groups(grants).toArray(String[]::new));

        Issuance issuance = service.credentials(user, new CredentialsRequest(null, region.orElse(null), models));
        Statistics.collect(issuance.getClass().getSimpleName(), knowledge);
        if (!(issuance instanceof Issuance.CredentialsIssued)) return;

        PolicyEvaluator session = PolicyEvaluator.of(sts.commands.getFirst().policy());
        PolicyEvaluator role = PolicyEvaluator.of(SessionPolicy.build(
                new PolicyScope("aws", ACCOUNT, document.allGrants(), true)));
        Oracle oracle = new Oracle(grants, region.orElse(null), models);
        for (String action : ACTIONS) {
            for (String region1 : ALL_REGIONS) {
                for (String base : BASES) {
                    boolean allowed = session.allows(direct(action, base, region1));
                    assertThat(!allowed || oracle.entitled(base, region1))
                            .as("%s %s directly in %s is allowed but not entitled", action, base, region1).isTrue();
                    boolean offered = bedrock.region(region1).flatMap(r -> r.foundationModel(base))
                            .filter(FoundationModelEntry::onDemand).isPresent();
                    if (offered && oracle.entitled(base, region1)) {
                        assertThat(session.allows(direct(action, base, region1)) && role.allows(direct(action, base, region1)))
                                .as("%s %s directly in %s is entitled and offered but denied", action, base, region1).isTrue();
                    }
                    for (String prefix : PREFIXES) {
                        if (prefix.isEmpty()) continue;
                        String profile = prefix + base;
                        PolicyEvaluator.Request entry = profileCall(action, profile, region1);
                        assertThat(!session.allows(entry) || oracle.entitled(profile, region1))
                                .as("%s on profile %s from %s is allowed but not entitled", action, profile, region1).isTrue();
                        Optional<InferenceProfileEntry> offeredProfile = bedrock.region(region1)
                                .flatMap(r -> r.inferenceProfile(profile))
                                .filter(p -> p.systemDefined() && p.active());
                        if (offeredProfile.isPresent() && oracle.entitled(profile, region1)) {
                            for (String destination : offeredProfile.get().modelArns()) {
                                PolicyEvaluator.Request routed = routedCall(action, destination, profile, region1);
                                assertThat(session.allows(entry) && session.allows(routed)
                                        && role.allows(entry) && role.allows(routed))
                                        .as("%s through %s from %s to %s is entitled and offered but denied",
                                                action, profile, region1, destination).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    /** Who may call what after the request's narrowing: the entitlement's semantics, written independently. */
    record Oracle(List<Grant> grants, String region, List<String> models) {
        boolean entitled(String id, String callRegion) {
            if (region != null && !region.equals(callRegion)) return false;
            return grants.stream().anyMatch(grant -> grant.regions().contains(callRegion) && (models.isEmpty()
                    ? grant.covers(id)
                    : models.stream().anyMatch(m -> grant.covers(m) && ModelId.parse(m).orElseThrow().covers(id))));
        }
    }

    static PolicyEvaluator.Request direct(String action, String model, String region) {
        return new PolicyEvaluator.Request(action, "arn:aws:bedrock:" + region + "::foundation-model/" + model,
                Map.of("aws:RequestedRegion", region));
    }

    static PolicyEvaluator.Request profileCall(String action, String profile, String region) {
        return new PolicyEvaluator.Request(action, profileArn(profile, region), Map.of("aws:RequestedRegion", region));
    }

    /** Bedrock's check of the routed model: the destination's region (the source for a region-less ARN), with the profile. */
    static PolicyEvaluator.Request routedCall(String action, String modelArn, String profile, String source) {
        String destination = modelArn.split(":")[3];
        return new PolicyEvaluator.Request(action, modelArn, Map.of(
                "aws:RequestedRegion", destination.isEmpty() ? source : destination,
                "bedrock:InferenceProfileArn", profileArn(profile, source)));
    }

    static String profileArn(String profile, String region) {
        return "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":inference-profile/" + profile;
    }

    static List<String> groups(List<Grant> grants) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) names.add("g" + i);
        return names;
    }

    static String document(List<Grant> grants) throws Exception {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (int i = 0; i < grants.size(); i++) {
            groups.put("g" + i, Map.of("models", grants.get(i).models(), "regions", grants.get(i).regions()));
        }
        return JSON.writeValueAsString(Map.of("version", 1, "groups", groups));
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<String> exact = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(BASES)).as(String::concat);
        Arbitrary<String> entry = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, exact),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(FAMILIES)));
        Arbitrary<Grant> grant = Combinators.combine(
                entry.set().ofMinSize(1).ofMaxSize(4).map(List::copyOf),
                Arbitraries.of(SOURCE_REGIONS).set().ofMinSize(1).ofMaxSize(3).map(List::copyOf)).as(Grant::new);
        return grant.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Optional<String>> regionChoice() {
        return Arbitraries.of(SOURCE_REGIONS).optional(0.5);
    }

    /** Nothing (the whole entitlement), or ids and families; "*entry*" stands for the first grant's first entry. */
    @Provide
    Arbitrary<List<String>> requestedModels() {
        Arbitrary<String> exact = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(BASES)).as(String::concat);
        Arbitrary<String> any = Arbitraries.oneOf(exact, Arbitraries.of(FAMILIES), Arbitraries.just("*entry*"));
        return Arbitraries.oneOf(Arbitraries.just(List.of()), any.list().ofMinSize(1).ofMaxSize(3));
    }

    /**
     * What Bedrock offers: per source region, each model on demand or only through profiles (or not at all), and each
     * geography's profile of it where Bedrock offers that geography, routing to some of the geography's regions and
     * the source region.
     */
    @Provide
    Arbitrary<CatalogSnapshot> catalogs() {
        List<Arbitrary<RegionCatalog>> regions = new ArrayList<>();
        for (String name : ALL_REGIONS) regions.add(regionOffer(name));
        return Combinators.combine(regions).as(offers -> {
            Map<String, RegionCatalog> all = new LinkedHashMap<>();
            for (int i = 0; i < ALL_REGIONS.size(); i++) all.put(ALL_REGIONS.get(i), offers.get(i));
            return new CatalogSnapshot(all, NOW);
        });
    }

    private static Arbitrary<RegionCatalog> regionOffer(String name) {
        List<Arbitrary<Optional<FoundationModelEntry>>> models = new ArrayList<>();
        List<Arbitrary<Optional<InferenceProfileEntry>>> profiles = new ArrayList<>();
        for (String base : BASES) {
            models.add(Arbitraries.of(true, false).optional(0.8).map(onDemand -> onDemand.map(d ->
                    new FoundationModelEntry(base, "arn:aws:bedrock:" + name + "::foundation-model/" + base, base, "", true, d, true))));
            for (Geography geography : DESTINATIONS.keySet()) {
                if (!geography.isSourceRegion(name)) continue;
                String id = geography.prefix() + "." + base;
                Set<String> possible = new LinkedHashSet<>(DESTINATIONS.get(geography));
                if (geography != Geography.GLOBAL) possible.add(name);
                profiles.add(Arbitraries.of(List.copyOf(possible)).set().ofMinSize(1)
                        .map(destinations -> destinations.stream()
                                .map(d -> "arn:aws:bedrock:" + d + "::foundation-model/" + base).sorted().toList())
                        .optional(0.7)
                        .map(arns -> arns.map(list -> new InferenceProfileEntry(id, profileArn(id, name), id, true, true, list))));
            }
        }
        return Combinators.combine(Combinators.combine(models).as(List::copyOf), Combinators.combine(profiles).as(List::copyOf))
                .as((m, p) -> new RegionCatalog(m.stream().flatMap(Optional::stream).toList(),
                        p.stream().flatMap(Optional::stream).toList()));
    }
}
