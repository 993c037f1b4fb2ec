package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        String json = doc("\"groups\":{\"a\":" + profileOfModels(0, 6) + ",\"b\":" + profileOfModels(6, 12) + "}");

        assertThatThrownBy(() -> EntitlementsCheck.parse(json)).isInstanceOfSatisfying(InvalidEntitlementsException.class,
                e -> assertThat(e.problems()).extracting(EntitlementsProblem::path).containsExactly("$"));
    }

    @Test
    void validate_documentWhosePolicyCannotFit_reportsItsSize() {
        String models = IntStream.range(0, 14)
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
        String alone = doc("\"groups\":{\"a\":" + profileOfModels(0, 6) + "}");
        String together = doc("\"groups\":{\"a\":" + profileOfModels(0, 6) + ",\"b\":" + profileOfModels(6, 12) + "}");

        assertThat(EntitlementsCheck.validate(alone)).isEmpty();
        assertThat(EntitlementsCheck.validate(together)).extracting(EntitlementsProblem::path).containsExactly("$");
    }

    private static String profileOfModels(int from, int to) {
        return "{\"models\":[" + IntStream.range(from, to)
                .mapToObj(i -> "\"us.anthropic.claude-model-number-" + i + "-20250929-v1:0\"")
                .collect(Collectors.joining(",")) + "],\"regions\":[\"us-east-1\"]}";
    }

    private static String doc(String fields) {
        return "{\"version\":1," + fields + "}";
    }
}
