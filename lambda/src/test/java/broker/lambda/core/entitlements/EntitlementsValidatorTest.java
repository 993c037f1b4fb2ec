package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntitlementsValidatorTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    @Test
    void validate_minimalDocument_returnsNoProblems() {
        assertThat(EntitlementsValidator.validate(doc("\"default\":" + profile()))).isEmpty();
    }

    @Test
    void validate_exampleFile_returnsNoProblems() throws IOException {
        String example = Files.readString(Path.of("..", "examples", "entitlements.json"));

        assertThat(EntitlementsValidator.validate(example)).isEmpty();
    }

    @Test
    void validate_malformedJson_reportsLineAndColumn() {
        List<EntitlementsProblem> problems = EntitlementsValidator.validate("{\n  \"version\": 1,\n  \"groups\": {,}\n}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.groups");
            assertThat(problem.message()).startsWith("The document is not valid JSON at line 3, column 14:");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void validate_blankText_reportsEmptyDocument(String text) {
        assertThat(EntitlementsValidator.validate(text)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("The document is empty"));
    }

    @Test
    void validate_null_reportsEmptyDocument() {
        assertThat(EntitlementsValidator.validate(null)).extracting(EntitlementsProblem::path).containsExactly("$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\":1} {}", "{\"version\":1}]"})
    void validate_contentAfterDocument_reportsProblem(String text) {
        assertThat(EntitlementsValidator.validate(text)).singleElement().satisfies(problem ->
                assertThat(problem.message()).containsAnyOf("continues after its end", "not valid JSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "1", "\"text\"", "null", "true"})
    void validate_rootNotObject_reportsProblemAtRoot(String text) {
        assertThat(EntitlementsValidator.validate(text)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$");
            assertThat(problem.message()).startsWith("The document must be a JSON object");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"// comment\n{}", "{'version': 1}", "{\"version\": 1,}", "{\"version\": NaN}", "{\"version\": 01}"})
    void validate_laxJson_reportsNotValidJson(String text) {
        assertThat(EntitlementsValidator.validate(text)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("The document is not valid JSON"));
    }

    @Test
    void validate_repeatedGroupName_reportsTheRepeat() {
        String json = doc("\"groups\":{\"developers\":" + profile() + ",\"developers\":" + profile() + "}");

        assertThat(EntitlementsValidator.validate(json)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.groups.developers");
            assertThat(problem.message()).contains("appears more than once");
        });
    }

    @Test
    void validate_misspeltProfileField_namesItAndSuggestsTheRightOne() {
        String json = doc("\"default\":{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"],\"shortTermkeys\":true}");

        assertThat(EntitlementsValidator.validate(json)).containsExactly(new EntitlementsProblem("$.default.shortTermkeys",
                "Unknown field \"shortTermkeys\" (did you mean \"shortTermKeys\"?): a profile takes models, regions,"
                        + " maxSessionSeconds, shortTermKeys, longTermKeys and budget."));
    }

    @Test
    void validate_unknownRootField_reportsIt() {
        String json = "{\"version\":1,\"default\":" + profile() + ",\"admins\":[\"x\"]}";

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path).containsExactly("$.admins");
    }

    @Test
    void validate_unknownLongTermKeysField_reportsIt() {
        String json = doc("\"default\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAge\":30}"));

        assertThat(EntitlementsValidator.validate(json)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.default.longTermKeys.maxAge");
            assertThat(problem.message()).contains("(did you mean \"maxAgeDays\"?)");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "\"1\"", "1.0", "null", "99999999999999999999999"})
    void validate_versionOtherThanOne_reportsVersion(String version) {
        String json = "{\"version\":" + version + ",\"default\":" + profile() + "}";

        assertThat(EntitlementsValidator.validate(json)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.version");
            assertThat(problem.message()).startsWith("\"version\" must be 1");
        });
    }

    @Test
    void validate_versionMissing_reportsVersion() {
        assertThat(EntitlementsValidator.validate("{\"default\":" + profile() + "}"))
                .containsExactly(new EntitlementsProblem("$.version", "\"version\" is missing: set it to 1."));
    }

    @Test
    void validate_modelsMissingOrEmpty_reportsModels() {
        String json = doc("\"groups\":{\"a\":{\"regions\":[\"us-east-1\"]},\"b\":{\"models\":[],\"regions\":[\"us-east-1\"]},"
                + "\"c\":{\"models\":\"" + SONNET + "\",\"regions\":[\"us-east-1\"]}}");

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.groups.a.models: \"models\" is missing: list at least one model id.",
                "$.groups.b.models: \"models\" is empty: list at least one model id.",
                "$.groups.c.models: \"models\" must be an array of model ids; found the string \"" + SONNET + "\".");
    }

    @Test
    void validate_invalidModelIds_reportsEachWithItsIndex() {
        String json = doc("\"groups\":{\"developers\":{\"models\":[\"" + SONNET + "\",\"*.claude\",42,"
                + "\"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2\",\"Claude\",\"" + SONNET + "\"],"
                + "\"regions\":[\"us-east-1\"]}}");

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.groups.developers.models[1]: \"*.claude\" is not a model family: put * only in the model name after the provider, as in anthropic.claude-sonnet-4-5* or eu.anthropic.claude-haiku-*, never two in a row.",
                "$.groups.developers.models[2]: Each entry must be a string (a model id); found 42.",
                "$.groups.developers.models[3]: \"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2\" is an ARN: name the model id, the part after foundation-model/ or inference-profile/.",
                "$.groups.developers.models[4]: \"Claude\" is not a Bedrock model id: use a foundation-model id such as anthropic.claude-sonnet-4-5-20250929-v1:0, an inference-profile id with a us., eu., apac., jp., au., us-gov. or global. prefix, or a family such as anthropic.claude-sonnet-4-5*, in lower case.",
                "$.groups.developers.models[5]: \"" + SONNET + "\" repeats models[0]; list it once.");
    }

    @Test
    void validate_invalidRegions_reportsEachWithItsIndex() {
        String json = doc("\"groups\":{\"developers\":{\"models\":[\"" + SONNET + "\"],"
                + "\"regions\":[\"us-east-1\",\"us-east\",\"us-*\",\"US-EAST-1\",\"us-east-1\",\"us-gov-west-1\"]}}");

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.groups.developers.regions[1]: \"us-east\" is not an AWS region name such as us-east-1 or eu-central-1.",
                "$.groups.developers.regions[2]: \"us-*\" contains a wildcard: name every region exactly, wildcards are not supported.",
                "$.groups.developers.regions[3]: \"US-EAST-1\" is not an AWS region name such as us-east-1 or eu-central-1.",
                "$.groups.developers.regions[4]: \"us-east-1\" repeats regions[0]; list it once.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"899", "3601", "0", "-1", "4294967296"})
    void validate_maxSessionSecondsOutOfRange_reportsBounds(String seconds) {
        String json = doc("\"default\":" + profile("\"maxSessionSeconds\":" + seconds));

        assertThat(EntitlementsValidator.validate(json)).containsExactly(new EntitlementsProblem(
                "$.default.maxSessionSeconds", "\"maxSessionSeconds\" must be from 900 to 3600 seconds: STS sessions"
                + " last at least 15 minutes and role-chained ones at most 1 hour; found " + seconds + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600.0", "\"3600\"", "true", "null", "[3600]", "1e3"})
    void validate_maxSessionSecondsNotWholeNumber_reportsType(String seconds) {
        String json = doc("\"default\":" + profile("\"maxSessionSeconds\":" + seconds));

        assertThat(EntitlementsValidator.validate(json)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.default.maxSessionSeconds");
            assertThat(problem.message()).startsWith("\"maxSessionSeconds\" must be a whole number from 900 to 3600; found");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "null"})
    void validate_shortTermKeysNotBoolean_reportsType(String value) {
        String json = doc("\"default\":" + profile("\"shortTermKeys\":" + value));

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path)
                .containsExactly("$.default.shortTermKeys");
    }

    @Test
    void validate_longTermKeysOutOfBounds_reportsEveryBound() {
        String json = doc("\"groups\":{"
                + "\"a\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":0}") + ","
                + "\"b\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":36601}") + ","
                + "\"c\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":30,\"defaultAgeDays\":31}") + ","
                + "\"d\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxKeys\":3}") + ","
                + "\"e\":" + profile("\"longTermKeys\":{\"maxKeys\":1}") + ","
                + "\"f\":" + profile("\"longTermKeys\":true") + "}");

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.groups.a.longTermKeys.maxAgeDays: \"maxAgeDays\" must be from 1 to 36600 days: IAM needs an expiry, and never more than 100 years; found 0.",
                "$.groups.b.longTermKeys.maxAgeDays: \"maxAgeDays\" must be from 1 to 36600 days: IAM needs an expiry, and never more than 100 years; found 36601.",
                "$.groups.c.longTermKeys.defaultAgeDays: \"defaultAgeDays\" must be from 1 to 30 days: at most maxAgeDays; found 31.",
                "$.groups.d.longTermKeys.maxKeys: \"maxKeys\" must be from 1 to 2 keys: IAM allows 2 Bedrock API keys per user; found 3.",
                "$.groups.e.longTermKeys.allowed: \"allowed\" is missing: set it to true or false.",
                "$.groups.f.longTermKeys: \"longTermKeys\" must be an object such as {\"allowed\": true, \"maxAgeDays\": 30}; found true.");
    }

    @Test
    void validate_badAdminGroups_reportsEachEntry() {
        String json = "{\"version\":1,\"default\":" + profile() + ",\"adminGroups\":[\"admins\",7,\" \",\"admins\"]}";

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.adminGroups[1]: Each admin group must be a string (a group name); found 7.",
                "$.adminGroups[2]: Admin group names must not be empty or blank.",
                "$.adminGroups[3]: \"admins\" repeats adminGroups[0]; list it once.");
    }

    @Test
    void validate_adminGroupsNotArray_reportsType() {
        String json = "{\"version\":1,\"default\":" + profile() + ",\"adminGroups\":\"admins\"}";

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path).containsExactly("$.adminGroups");
    }

    @Test
    void validate_groupNamesThatNeedQuoting_useBracketPaths() {
        String json = doc("\"groups\":{\"data.science\":{\"models\":[],\"regions\":[\"us-east-1\"]},\"\":" + profile() + "}");

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path)
                .containsExactly("$.groups['data.science'].models", "$.groups['']");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data science", "x\tbroker-admins", "a\u00a0b", "[admins]", "\"a\",\"broker-admins\"", "a,b"})
    void validate_groupNameThatAFlattenedClaimCannotCarry_isRefusedWithTheReason(String name) throws Exception {
        String quoted = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(name);
        String json = doc("\"groups\":{" + quoted + ":" + profile() + "},\"adminGroups\":[" + quoted + "]");

        assertThat(EntitlementsValidator.validate(json))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.message()).contains("white space, [, ], \" or ,").contains("slug or id"));
    }

    @Test
    void validate_groupsNotObjectOrProfileNotObject_reportsType() {
        assertThat(EntitlementsValidator.validate(doc("\"groups\":[]"))).extracting(EntitlementsProblem::path)
                .containsExactly("$.groups");
        assertThat(EntitlementsValidator.validate(doc("\"groups\":{\"a\":[]}"))).extracting(EntitlementsProblem::path)
                .containsExactly("$.groups.a");
    }

    @Test
    void validate_noProfileAtAll_reportsThatItGrantsNothing() {
        assertThat(EntitlementsValidator.validate(doc("\"groups\":{}"))).containsExactly(new EntitlementsProblem("$",
                "The document grants nothing: add a \"default\" profile for every signed-in user or at least one profile under \"groups\"."));
    }

    @Test
    void validate_keyAgeOverOneYearWithoutOptIn_reportsIt() {
        String json = doc("\"default\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":366}"));

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::toString).containsExactly(
                "$.default.longTermKeys.maxAgeDays: \"maxAgeDays\" above 365 days needs \"allowOverOneYear\": true in the"
                        + " same object (a key that old outlives most access reviews and often the person's access); found 366.");
    }

    @Test
    void validate_keyAgeOverOneYearWithOptIn_isAccepted() {
        String json = doc("\"default\":" + profile(
                "\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":730,\"allowOverOneYear\":true}"));

        assertThat(EntitlementsValidator.validate(json)).isEmpty();
    }

    @Test
    void validate_keyAgeOfOneYear_needsNoOptIn() {
        String json = doc("\"default\":" + profile("\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":365}"));

        assertThat(EntitlementsValidator.validate(json)).isEmpty();
    }

    @Test
    void validate_severalProblems_reportsEveryOneInDocumentOrder() {
        String json = "{\"version\":2,\"default\":{\"models\":[\"x\"],\"regions\":[\"mars-1\"],\"maxSessionSeconds\":60},"
                + "\"groups\":{\"g\":{\"model\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"]}}}";

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path).containsExactly(
                "$.version", "$.default.models[0]", "$.default.regions[0]", "$.default.maxSessionSeconds",
                "$.groups.g.model", "$.groups.g.models");
    }

    static String doc(String fields) {
        return "{\"version\":1," + fields + "}";
    }

    static String profile(String... extraFields) {
        StringBuilder json = new StringBuilder("{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"]");
        for (String field : extraFields) {
            json.append(',').append(field);
        }
        return json.append('}').toString();
    }
}
