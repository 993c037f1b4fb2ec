package broker.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.infra.Fixtures;
import broker.lambda.core.entitlements.EntitlementsDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Aws;

class EntitlementsTest {
    private static final Path SHIPPED = Path.of("entitlements.json");

    @Test
    void groupNames_areTheGroupKeysThenTheAdminGroups() throws Exception {
        String profile = "{\"models\":[\"anthropic.claude-haiku-4-5-20251001-v1:0\"],\"regions\":[\"us-east-1\"]}";
        assertThat(Entitlements.groupNames(EntitlementsDocument.parse("""
                {"version":1,"groups": {"developers": %s, "eu": %s}, "adminGroups": ["admins", "developers"]}"""
                .formatted(profile, profile))))
                .containsExactlyInAnyOrder("developers", "eu", "admins");
    }

    @Test
    void load_withUnreadableFile_failsNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> Entitlements.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
    }

    @Test
    void load_withTheShippedDefault_derivesGroupsAndTheCeilingWithPartitionAndAccountTokens() throws Exception {
        Entitlements entitlements = Entitlements.load(SHIPPED);
        assertThat(entitlements.json()).isEqualTo(Files.readString(SHIPPED));
        assertThat(entitlements.groups()).containsExactly("developers", "bedrock-admins");
        assertThat(entitlements.roleCeilingPolicy())
                .contains(Aws.PARTITION, Aws.ACCOUNT_ID, "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        "bedrock:InvokeModel", "bedrock:CallWithBearerToken");
    }

    @Test
    void load_withTheShippedDefault_derivesTheKeyUserBoundaryForLongTermTokensOnly() {
        Entitlements entitlements = Entitlements.load(SHIPPED);
        assertThat(entitlements.keyUserBoundaryPolicy())
                .contains(Aws.PARTITION, Aws.ACCOUNT_ID, "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        "bedrock:InvokeModel", "\"bedrock:BearerTokenType\":\"LONG_TERM\"")
                .doesNotContain("SHORT_TERM");
    }

    @Test
    void load_withTheShippedDefault_allowsNoLongTermKeys() {
        Entitlements entitlements = Entitlements.load(SHIPPED);
        assertThat(entitlements.maxKeyAgeDays()).isZero();
        assertThat(entitlements.allowsLongTermKeys()).isFalse();
    }

    @Test
    void maxKeyAgeDays_isTheLargestOfTheProfilesThatAllowKeys() throws Exception {
        String models = "\"models\":[\"anthropic.claude-haiku-4-5-20251001-v1:0\"],\"regions\":[\"us-east-1\"]";
        EntitlementsDocument document = EntitlementsDocument.parse("""
                {"version":1,
                 "default": {%1$s, "longTermKeys": {"allowed": true, "maxAgeDays": 14}},
                 "groups": {
                   "developers": {%1$s, "longTermKeys": {"allowed": true, "maxAgeDays": 30}},
                   "contractors": {%1$s, "longTermKeys": {"allowed": false, "maxAgeDays": 365}}}}"""
                .formatted(models));
        assertThat(Entitlements.maxKeyAgeDays(document)).isEqualTo(30);
    }

    @Test
    void maxKeyAgeDays_whenOnlyAGroupAllowsKeys_isThatGroupsBound() throws Exception {
        String models = "\"models\":[\"anthropic.claude-haiku-4-5-20251001-v1:0\"],\"regions\":[\"us-east-1\"]";
        EntitlementsDocument document = EntitlementsDocument.parse("""
                {"version":1, "groups": {
                   "developers": {%1$s},
                   "integrations": {%1$s, "longTermKeys": {"allowed": true, "maxAgeDays": 7}}}}"""
                .formatted(models));
        assertThat(Entitlements.maxKeyAgeDays(document)).isEqualTo(7);
    }

    @Test
    void load_withModelFamilies_listsThemAndAllowsThemAsArnWildcardsInTheCeiling(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), """
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-sonnet-4-5*",
                 "us.anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"]},
                 "eu":{"models":["eu.anthropic.claude-*"],"regions":["eu-west-1"]}}}""");

        Entitlements entitlements = Entitlements.load(file);

        assertThat(entitlements.modelFamilies()).containsExactly("anthropic.claude-sonnet-4-5*", "eu.anthropic.claude-*");
        assertThat(entitlements.roleCeilingPolicy()).contains(
                ":inference-profile/us.anthropic.claude-sonnet-4-5*",
                ":inference-profile/global.anthropic.claude-sonnet-4-5*",
                ":inference-profile/eu.anthropic.claude-*",
                ":bedrock:eu-*::foundation-model/anthropic.claude-*")
                .doesNotContain(":inference-profile/*.", ":inference-profile/eu.anthropic.claude-sonnet-4-5*");
    }

    @Test
    void load_withInvalidJson_failsWithTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), "{ not json");
        assertThatThrownBy(() -> Entitlements.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("entitlements file " + file.toAbsolutePath() + " is invalid:")
                .hasMessageContaining("$");
    }
}
