package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.ModelId.Family;
import broker.lambda.core.entitlements.ModelId.FoundationModel;
import broker.lambda.core.entitlements.ModelId.InferenceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelIdTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-haiku-20240307-v1:0:200k",
        "amazon.nova-pro-v1:0",
        "amazon.titan-embed-text-v1",
        "meta.llama3-3-70b-instruct-v1:0",
        "ai21.jamba-1-5-large-v1:0"
    })
    void parse_foundationModelId_returnsFoundationModel(String id) {
        assertThat(ModelId.parse(id)).contains(new FoundationModel(id));
    }

    @ParameterizedTest
    @CsvSource({
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0, US",
        "eu.anthropic.claude-sonnet-4-5-20250929-v1:0, EU",
        "apac.anthropic.claude-sonnet-4-5-20250929-v1:0, APAC",
        "jp.anthropic.claude-sonnet-4-5-20250929-v1:0, JP",
        "au.anthropic.claude-sonnet-4-5-20250929-v1:0, AU",
        "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0, US_GOV",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0, GLOBAL"
    })
    void parse_inferenceProfileId_returnsProfileWithGeographyAndModel(String id, Geography geography) {
        assertThat(ModelId.parse(id)).contains(
                new InferenceProfile(id, geography, "anthropic.claude-sonnet-4-5-20250929-v1:0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "anthropic", "*.claude", "anthropic.claude-**", "us.anthropic.**", "anthropic.claude-?", "*", "us.*", "Anthropic.Claude-v2",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
        "us.claude-v2", "global.us.anthropic.claude-v2", "ca.anthropic.claude-v2:0",
        "anthropic.claude-v2:0:1:2", "anthropic.claude v2", "anthropic..claude", " anthropic.claude-v2"
    })
    void parse_invalidId_returnsEmpty(String id) {
        assertThat(ModelId.parse(id)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "anthropic.claude-sonnet-4-5*, , anthropic.claude-sonnet-4-5*",
        "anthropic.*, , anthropic.*",
        "anthropic.claude-*-4-5*, , anthropic.claude-*-4-5*",
        "eu.anthropic.claude-haiku-*, EU, anthropic.claude-haiku-*",
        "global.anthropic.claude-*, GLOBAL, anthropic.claude-*"
    })
    void parse_familyPattern_returnsFamilyWithItsGeographyAndModelPattern(String text, Geography geography, String model) {
        assertThat(ModelId.parse(text)).contains(new Family(text, geography, model));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    })
    void covers_familyWithoutPrefix_coversTheModelAndItsProfilesOfEveryGeography(String id) {
        assertThat(ModelId.parse("anthropic.claude-sonnet-4-5*").orElseThrow().covers(id)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "eu.anthropic.claude-sonnet-4-5*, eu.anthropic.claude-sonnet-4-5-20250929-v1:0, true",
        "eu.anthropic.claude-sonnet-4-5*, us.anthropic.claude-sonnet-4-5-20250929-v1:0, false",
        "eu.anthropic.claude-sonnet-4-5*, anthropic.claude-sonnet-4-5-20250929-v1:0, false",
        "anthropic.claude-sonnet-4-5*, anthropic.claude-sonnet-4-20250514-v1:0, false",
        "anthropic.claude-sonnet-4-5*, anthropic.claude-3-5-sonnet-20240620-v1:0, false",
        "anthropic.claude-*-4-5*, us.anthropic.claude-haiku-4-5-20251001-v1:0, true",
        "anthropic.claude-haiku-*, amazon.nova-micro-v1:0, false",
        "anthropic.claude-haiku-*, anthropic.claude-haiku-*, true",
        "anthropic.claude-haiku-*, anthropic.claude-*, false"
    })
    void covers_family_matchesOnlyIdsOfItsPatternAndGeography(String family, String id, boolean covered) {
        assertThat(ModelId.parse(family).orElseThrow().covers(id)).isEqualTo(covered);
    }

    @Test
    void covers_exactId_coversOnlyItself() {
        ModelId sonnet = ModelId.parse("us.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();

        assertThat(sonnet.covers("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).isTrue();
        assertThat(sonnet.covers("anthropic.claude-sonnet-4-5-20250929-v1:0")).isFalse();
    }

    @Test
    void parse_null_returnsEmpty() {
        assertThat(ModelId.parse(null)).isEmpty();
    }
}
