package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** The validator answers every input with a list of problems and never throws. */
class EntitlementsValidatorPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String EXAMPLE = readExample();

    @Property(tries = 2000)
    void validate_anyString_neverThrows(@ForAll String text) {
        assertThatNoException().isThrownBy(() -> EntitlementsValidator.validate(text));
    }

    @Property(tries = 2000)
    void validate_stringsOfJsonTokens_neverThrowsAndNamesAPath(@ForAll("jsonTokenSoup") String text) {
        List<EntitlementsProblem> problems = EntitlementsValidator.validate(text);

        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.path()).startsWith("$");
            assertThat(problem.message()).isNotBlank().endsWith(".");
        });
    }

    @Property(tries = 2000)
    void validate_anyJsonValue_neverThrows(@ForAll("jsonValues") JsonNode json) {
        assertThatNoException().isThrownBy(() -> EntitlementsValidator.validate(json.toString()));
    }

    @Property(tries = 2000)
    void validate_exampleWithRandomEdits_neverThrowsAndAgreesWithParse(
            @ForAll("edits") List<Tuple.Tuple2<Integer, String>> edits) {
        StringBuilder text = new StringBuilder(EXAMPLE);
        for (var edit : edits) {
            int at = Math.floorMod(edit.get1(), text.length() + 1);
            int end = Math.min(text.length(), at + edit.get2().length() % 3);
            text.replace(at, end, edit.get2());
        }

        List<EntitlementsProblem> problems = EntitlementsValidator.validate(text.toString());

        boolean parses;
        try {
            EntitlementsDocument.parse(text.toString());
            parses = true;
        } catch (InvalidEntitlementsException e) {
            parses = false;
            assertThat(e.problems()).isEqualTo(problems);
        }
        assertThat(parses).isEqualTo(problems.isEmpty());
    }

    @Provide
    Arbitrary<String> jsonTokenSoup() {
        return Arbitraries.of("{", "}", "[", "]", ",", ":", "\"version\"", "1", "\"groups\"", "\"default\"",
                        "\"models\"", "\"regions\"", "\"us-east-1\"", "\"us.anthropic.claude-v2:0\"", "null", "true",
                        "-0", "1e999", "\"\\u0000\"", "\"adminGroups\"", "\"longTermKeys\"", " ", "\n", "/*", "'")
                .list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                () -> Arbitraries.of("version", "default", "groups", "adminGroups", "models", "regions",
                        "maxSessionSeconds", "shortTermKeys", "longTermKeys", "allowed", "maxAgeDays").map(NODES::textNode),
                () -> Arbitraries.integers().map(NODES::numberNode),
                () -> Arbitraries.longs().map(NODES::numberNode),
                () -> Arbitraries.doubles().map(NODES::numberNode),
                () -> Arbitraries.of(true, false).map(NODES::booleanNode),
                () -> Arbitraries.just(NODES.nullNode()),
                () -> jsonValues().list().ofMaxSize(4).map(values -> NODES.arrayNode().addAll(values)),
                () -> Combinators.combine(
                        Arbitraries.of("version", "default", "groups", "adminGroups", "models", "regions",
                                "maxSessionSeconds", "shortTermKeys", "longTermKeys", "allowed", "maxAgeDays",
                                "defaultAgeDays", "maxKeys", "developers", "x y"),
                        jsonValues()).as(Map::entry).list().ofMaxSize(5)
                        .map(entries -> {
                            var object = NODES.objectNode();
                            entries.forEach(entry -> object.set(entry.getKey(), entry.getValue()));
                            return object;
                        }));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, String>>> edits() {
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.of("", "{", "}", "[", "]", ",", ":", "\"", "0", "-1", "3601", "null", "*", "us-", "x",
                        "\"shortTermkeys\": true,", "\"us-east-1\","),
                Arbitraries.strings().ofMaxLength(3));
        return Combinators.combine(Arbitraries.integers(), insert).as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 50)
    void validate_deeplyNestedInput_reportsProblemInsteadOfOverflowing(@ForAll @IntRange(min = 65, max = 100_000) int depth) {
        String text = "[".repeat(depth) + "]".repeat(depth);

        assertThat(EntitlementsValidator.validate(text)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("The document is not valid JSON"));
    }

    private static String readExample() {
        try {
            return Files.readString(Path.of("..", "examples", "entitlements.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
