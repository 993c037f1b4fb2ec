package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.EntitlementsProblem;
import broker.lambda.core.entitlements.EntitlementsValidator;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The format check plus the size of the largest session policy a document leads to. */
class EntitlementsCheckTest {
    private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String LONG = "anthropic.claude-a-model-with-a-rather-long-name-2025092";
    @Test
    void validate_exampleFile_returnsNoProblems() throws IOException {
        String example = Files.readString(Path.of("..", "examples", "entitlements.json"));

        assertThat(EntitlementsCheck.validate(example)).isEmpty();
    }

    @Test
    void validate_formatProblems_areTheValidatorsAndNoSizeProblem() {
        String json = doc("\"default\":{\"models\":[\"x\"],\"regions\":[\"us-east-1\"]}");

        assertThat(EntitlementsCheck.validate(json)).isEqualTo(EntitlementsValidator.validate(json)).hasSize(1);
    }

    @Test
    void parse_documentTooLarge_throwsWithTheSizeProblem() {
        String json = doc("\"groups\":{\"a\":" + profileOfModels(0, 10) + ",\"b\":" + profileOfModels(10, 20) + "}");

        assertThatThrownBy(() -> EntitlementsCheck.parse(json)).isInstanceOfSatisfying(InvalidEntitlementsException.class,
                e -> assertThat(e.problems()).extracting(EntitlementsProblem::path).containsExactly("$"));
    }

    @Test
    void parseWithStamp_ofExactlyThisDocument_skipsTheSizeCheckThatSynthRan() throws Exception {
        String json = doc("\"groups\":{\"a\":" + profileOfModels(0, 10) + ",\"b\":" + profileOfModels(10, 20) + "}");

        assertThat(EntitlementsCheck.parse(json, EntitlementsCheck.stamp(json)).groupNames()).containsExactly("a", "b");
    }

    @Test
    void parseWithStamp_ofOtherContent_runsTheWholeCheck() {
        String json = doc("\"groups\":{\"a\":" + profileOfModels(0, 10) + ",\"b\":" + profileOfModels(10, 20) + "}");
        String stampOfAnEarlierDocument = EntitlementsCheck.stamp(doc("\"groups\":{\"a\":" + profileOfModels(0, 1) + "}"));

        assertThatThrownBy(() -> EntitlementsCheck.parse(json, stampOfAnEarlierDocument))
                .isInstanceOf(InvalidEntitlementsException.class);
        assertThatThrownBy(() -> EntitlementsCheck.parse(json, null)).isInstanceOf(InvalidEntitlementsException.class);
        assertThatThrownBy(() -> EntitlementsCheck.parse(json, "sha256:" + "0".repeat(64)))
                .isInstanceOf(InvalidEntitlementsException.class);
    }

    @Test
    void parseWithStamp_stillChecksTheFormat() {
        String json = "{\"version\":2}";

        assertThatThrownBy(() -> EntitlementsCheck.parse(json, EntitlementsCheck.stamp(json)))
                .isInstanceOf(InvalidEntitlementsException.class);
    }

    @Test
    void stamp_namesTheCheckVersionAndTheDocumentsDigest() {
        assertThat(EntitlementsCheck.stamp("{}")).isEqualTo(EntitlementsCheck.STAMP_VERSION
                + ":sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void validate_documentWhosePolicyCannotFit_reportsItsSize() {
        String models = IntStream.range(0, 20)
                .mapToObj(i -> "\"us.anthropic.claude-model-number-" + i + "-20250929-v1:0\"")
                .collect(Collectors.joining(","));
        String json = doc("\"default\":{\"models\":[" + models + "],\"regions\":[\"us-east-1\"]}");

        assertThat(EntitlementsCheck.validate(json)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$");
            assertThat(problem.message()).matches("A user in every group would get a session policy of \\d{4} characters,"
                    + " over the 2048 that STS accepts .*");
        });
    }

    @Test
    void validate_groupsThatFitAloneButNotTogether_reportsSize() {
        String alone = doc("\"groups\":{\"a\":" + profileOfModels(0, 10) + "}");
        String together = doc("\"groups\":{\"a\":" + profileOfModels(0, 10) + ",\"b\":" + profileOfModels(10, 20) + "}");

        assertThat(EntitlementsCheck.validate(alone)).isEmpty();
        assertThat(EntitlementsCheck.validate(together)).extracting(EntitlementsProblem::path).containsExactly("$");
    }

    private static String profileOfModels(int from, int to) {
        return "{\"models\":[" + IntStream.range(from, to)
                .mapToObj(i -> "\"us.anthropic.claude-model-number-" + i + "-20250929-v1:0\"")
                .collect(Collectors.joining(",")) + "],\"regions\":[\"us-east-1\"]}";
    }

    @Test
    void worstCaseLength_exampleDocument_fitsTheLimit() throws Exception {
        var example = EntitlementsDocument.parse(Files.readString(Path.of("..", "examples", "entitlements.json")));

        assertThat(EntitlementsCheck.worstCaseLength(example)).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
    }

    @Test
    void worstCaseLength_groupsWhoseUnionSharesAStatement_countsTheLongerCombination() throws Exception {
        // a+b+c: A and B both in us-east-1 and us-west-2, one statement; a+b alone: one statement per region.
        var document = EntitlementsDocument.parse(doc("\"groups\":{"
                + "\"a\":{\"models\":[\"us." + LONG + "1-v1:0\"],\"regions\":[\"us-east-1\"]},"
                + "\"b\":{\"models\":[\"us." + LONG + "2-v1:0\"],\"regions\":[\"us-west-2\"]},"
                + "\"c\":{\"models\":[\"us." + LONG + "1-v1:0\",\"us." + LONG + "2-v1:0\"],"
                + "\"regions\":[\"us-east-1\",\"us-west-2\"]}}"));

        int all = SessionPolicy.minimal(new PolicyScope("aws", "123456789012", document.allGrants(), true)).length();

        assertThat(EntitlementsCheck.worstCaseLength(document)).isGreaterThan(all);
    }

    @Test
    void worstCaseLength_documentWithAGovCloudRegion_countsTheLongerPartition() throws Exception {
        var commercial = EntitlementsDocument.parse(doc("\"default\":{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"]}"));
        var gov = EntitlementsDocument.parse(doc("\"default\":{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-gov-west-1\"]}"));

        assertThat(EntitlementsCheck.worstCaseLength(gov) - EntitlementsCheck.worstCaseLength(commercial))
                .isEqualTo(("aws-us-gov".length() - "aws".length()) + ("us-gov-west-1".length() - "us-east-1".length()));
    }

    @Test
    void worstCaseLength_manyGroups_usesABoundNoCombinationExceeds() throws Exception {
        String groups = IntStream.range(0, 12).mapToObj(i -> "\"g" + i + "\":{\"models\":[\"us." + LONG + i
                + "-v1:0\"],\"regions\":[\"us-east-" + (1 + i % 2) + "\"]}").collect(Collectors.joining(","));
        var document = EntitlementsDocument.parse(doc("\"groups\":{" + groups + "}"));

        int bound = EntitlementsCheck.worstCaseLength(document);

        assertThat(bound).isGreaterThanOrEqualTo(
                SessionPolicy.minimal(new PolicyScope("aws", "123456789012", document.allGrants(), true)).length());
        assertThat(bound).isGreaterThanOrEqualTo(SessionPolicy.minimal(new PolicyScope("aws", "123456789012",
                document.allGrants().subList(0, 2), true)).length());
    }

    private static String doc(String fields) {
        return "{\"version\":1," + fields + "}";
    }
}
