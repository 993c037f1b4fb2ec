package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The size check bounds the session policy of every user of every document it accepts. */
class EntitlementsCheckPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 500)
    void validate_generatedDocuments_acceptsOnlyDocumentsWhoseLargestPolicyFits(@ForAll("documents") String json)
            throws InvalidEntitlementsException {
        List<EntitlementsProblem> problems = EntitlementsCheck.validate(json);
        Statistics.collect(problems.isEmpty() ? "accepted" : "too large");

        if (problems.isEmpty()) {
            EntitlementsDocument document = EntitlementsCheck.parse(json);
            String policy = SessionPolicy.minimal(new PolicyScope("aws", "123456789012", document.allGrants(), true));
            assertThat(policy.length()).isLessThanOrEqualTo(EntitlementsCheck.worstCaseLength(document))
                    .isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        } else {
            assertThat(problems).singleElement().satisfies(problem ->
                    assertThat(problem.message()).startsWith("A user in every group would get a session policy"));
        }
        Statistics.coverage(coverage -> {
            coverage.check("accepted").count((Integer count) -> count > 0);
            coverage.check("too large").count((Integer count) -> count > 0);
        });
    }

    @Property(tries = 300)
    void entitlementFor_anyGroupsOfValidDocument_neverNeedsALongerPolicyThanAllGrants(
            @ForAll("documents") String json, @ForAll("groupNames") List<String> groups) {
        List<EntitlementsProblem> problems = EntitlementsCheck.validate(json);
        if (!problems.isEmpty()) {
            return;
        }
        EntitlementsDocument document = parseUnchecked(json);
        // The documents name commercial regions only: their partition is aws.
        document.entitlementFor(groups).ifPresent(entitlement -> assertThat(
                SessionPolicy.minimal(new PolicyScope("aws", "123456789012", entitlement.grants(), true)).length())
                .isLessThanOrEqualTo(SessionPolicy.MAX_CHARS));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> model = Combinators.combine(
                Arbitraries.of("", "us.", "eu.", "global."),
                Arbitraries.of("anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0",
                        "anthropic.claude-opus-4-1-20250805-v1:0", "amazon.nova-pro-v1:0",
                        "meta.llama3-3-70b-instruct-v1:0")).as(String::concat);
        Arbitrary<Map<String, Object>> profile = Combinators.combine(
                model.set().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ca-central-1").set().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(900, 3600),
                Arbitraries.of(true, false)).as((models, regions, seconds, shortTerm) -> Map.of(
                "models", List.copyOf(models), "regions", List.copyOf(regions),
                "maxSessionSeconds", seconds, "shortTermKeys", shortTerm));
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e", "f"), profile).ofMinSize(1).ofMaxSize(6)
                .map(groups -> {
                    try {
                        return MAPPER.writeValueAsString(Map.of("version", 1, "groups", groups,
                                "adminGroups", List.of("a")));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Provide
    Arbitrary<List<String>> groupNames() {
        return Arbitraries.of("a", "b", "c", "d", "e", "f", "g").list().ofMaxSize(7);
    }

    private static EntitlementsDocument parseUnchecked(String json) {
        try {
            return EntitlementsCheck.parse(json);
        } catch (InvalidEntitlementsException e) {
            throw new AssertionError(e);
        }
    }

}
