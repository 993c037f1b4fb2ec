package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntitlementsDocumentTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String NOVA = "amazon.nova-micro-v1:0";

    private static final EntitlementsDocument DOCUMENT = parse("""
            {
              "version": 1,
              "default": {"models": ["%s"], "regions": ["us-east-1"]},
              "groups": {
                "developers": {"models": ["%s", "%s"], "regions": ["us-east-1", "us-west-2"],
                               "maxSessionSeconds": 1800, "shortTermKeys": true},
                "integrations": {"models": ["%s"], "regions": ["eu-west-1"], "maxSessionSeconds": 900,
                                 "longTermKeys": {"allowed": true, "maxAgeDays": 90, "defaultAgeDays": 30, "maxKeys": 1}},
                "auditors": {"models": ["%s"], "regions": ["us-east-1"],
                             "longTermKeys": {"allowed": true, "maxAgeDays": 7, "defaultAgeDays": 7, "maxKeys": 2}},
                "copy-of-default": {"models": ["%s"], "regions": ["us-east-1"]}
              },
              "adminGroups": ["bedrock-admins"]
            }
            """.formatted(HAIKU, SONNET, HAIKU, NOVA, NOVA, HAIKU));

    @Test
    void parse_invalidDocument_throwsWithEveryProblem() {
        assertThatThrownBy(() -> EntitlementsDocument.parse("{\"version\":2,\"groups\":{}}"))
                .isInstanceOfSatisfying(InvalidEntitlementsException.class, e -> assertThat(e.problems())
                        .extracting(EntitlementsProblem::path).containsExactly("$.version", "$"))
                .hasMessageStartingWith("invalid entitlements document: $.version: ");
    }

    @Test
    void parse_optionalArraysThatAreNot_sayWhatTheyMustBe() {
        assertThatThrownBy(() -> EntitlementsDocument.parse("""
                {"version":1,"default":{"models":["%s"],"regions":["us-east-1"]},"workloads":5,"adminGroups":"admins"}
                """.formatted(HAIKU)))
                .isInstanceOfSatisfying(InvalidEntitlementsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        new EntitlementsProblem("$.workloads", "\"workloads\" must be an array of entries such as"
                                + " {\"name\": \"deploy\", \"issuer\": \"https://token.actions.githubusercontent.com\","
                                + " \"match\": {\"repository\": \"acme/app\"}, \"models\": […], \"regions\": […]};"
                                + " found 5."),
                        new EntitlementsProblem("$.adminGroups",
                                "\"adminGroups\" must be an array of group names; found the string \"admins\".")));
    }

    @Test
    void entitlementFor_noGroupAndNoDefault_returnsEmpty() {
        EntitlementsDocument groupsOnly = parse("{\"version\":1,\"groups\":{\"developers\":{\"models\":[\"" + SONNET
                + "\"],\"regions\":[\"us-east-1\"]}}}");

        assertThat(groupsOnly.entitlementFor(List.of("sales"))).isEmpty();
    }

    @Test
    void entitlementFor_callerInNoListedGroup_getsTheDefaultProfileWithItsDefaults() {
        assertThat(DOCUMENT.entitlementFor(List.of("sales"))).contains(new Entitlement(
                List.of(new Grant(List.of(HAIKU), List.of("us-east-1"))), 3600, false, LongTermKeys.NONE, false));
    }

    @Test
    void entitlementFor_severalGroups_unitesGrantsWithoutCrossingModelsAndRegions() {
        Entitlement entitlement = DOCUMENT.entitlementFor(List.of("developers", "integrations")).orElseThrow();

        assertThat(entitlement.grants()).containsExactly(
                new Grant(List.of(HAIKU), List.of("us-east-1")),
                new Grant(List.of(SONNET, HAIKU), List.of("us-east-1", "us-west-2")),
                new Grant(List.of(NOVA), List.of("eu-west-1")));
        assertThat(entitlement.allows(NOVA, "eu-west-1")).isTrue();
        assertThat(entitlement.allows(NOVA, "us-east-1")).isFalse();
        assertThat(entitlement.allows(SONNET, "eu-west-1")).isFalse();
    }

    @Test
    void entitlementFor_severalGroups_takesTheLongestSessionAndAnyShortTermKeys() {
        Entitlement entitlement = DOCUMENT.entitlementFor(List.of("developers", "integrations")).orElseThrow();

        assertThat(entitlement.maxSessionSeconds()).isEqualTo(3600); // the default profile's 3600 beats 1800 and 900
        assertThat(entitlement.shortTermKeys()).isTrue();
    }

    @Test
    void entitlementFor_groupsWithShorterSessionsOnly_takesTheirLongest() {
        EntitlementsDocument noDefault = parse("{\"version\":1,\"groups\":{"
                + "\"a\":{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"],\"maxSessionSeconds\":1800},"
                + "\"b\":{\"models\":[\"" + SONNET + "\"],\"regions\":[\"us-east-1\"],\"maxSessionSeconds\":900}}}");

        assertThat(noDefault.entitlementFor(List.of("a", "b")).orElseThrow().maxSessionSeconds()).isEqualTo(1800);
    }

    @Test
    void entitlementFor_severalGroupsAllowingLongTermKeys_takesTheMostGenerousBounds() {
        Entitlement entitlement = DOCUMENT.entitlementFor(List.of("integrations", "auditors")).orElseThrow();

        assertThat(entitlement.longTermKeys()).isEqualTo(new LongTermKeys(true, 90, 30, 2));
    }

    @Test
    void entitlementFor_repeatedGrants_collapse() {
        Entitlement entitlement = DOCUMENT.entitlementFor(List.of("copy-of-default", "auditors")).orElseThrow();

        assertThat(entitlement.grants()).containsExactly(
                new Grant(List.of(HAIKU), List.of("us-east-1")),
                new Grant(List.of(NOVA), List.of("us-east-1")));
    }

    @Test
    void entitlementFor_adminGroupMember_isAdmin() {
        assertThat(DOCUMENT.entitlementFor(List.of("bedrock-admins")).orElseThrow().admin()).isTrue();
        assertThat(DOCUMENT.entitlementFor(List.of("developers")).orElseThrow().admin()).isFalse();
    }

    @Test
    void isAdmin_adminGroupWithoutProfile_isTrueWhileNoProfileApplies() {
        EntitlementsDocument groupsOnly = parse("{\"version\":1,\"groups\":{\"developers\":{\"models\":[\"" + SONNET
                + "\"],\"regions\":[\"us-east-1\"]}},\"adminGroups\":[\"admins\"]}");

        assertThat(groupsOnly.isAdmin(List.of("admins"))).isTrue();
        assertThat(groupsOnly.entitlementFor(List.of("admins"))).isEmpty();
    }

    @Test
    void entitlementFor_groupNameInOtherCase_doesNotMatch() {
        assertThat(DOCUMENT.entitlementFor(List.of("Developers")).orElseThrow().grants()).hasSize(1);
    }

    @Test
    void entitlementFor_nullGroupsOrNullEntries_areIgnored() {
        assertThat(DOCUMENT.entitlementFor(null)).isPresent();
        assertThat(DOCUMENT.entitlementFor(Arrays.asList(null, "developers")).orElseThrow().grants()).hasSize(2);
        assertThat(DOCUMENT.isAdmin(Arrays.asList((String) null))).isFalse();
    }

    @Test
    void parse_longTermKeysAllowedWithoutBounds_usesDefaultBounds() {
        EntitlementsDocument document = parse("{\"version\":1,\"default\":{\"models\":[\"" + SONNET
                + "\"],\"regions\":[\"us-east-1\"],\"longTermKeys\":{\"allowed\":true}}}");

        assertThat(document.entitlementFor(List.of()).orElseThrow().longTermKeys())
                .isEqualTo(new LongTermKeys(true, 30, 7, 1));
    }

    @Test
    void parse_maxAgeShorterThanDefaultAge_defaultsToMaxAge() {
        EntitlementsDocument document = parse("{\"version\":1,\"default\":{\"models\":[\"" + SONNET
                + "\"],\"regions\":[\"us-east-1\"],\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":3}}}");

        assertThat(document.entitlementFor(List.of()).orElseThrow().longTermKeys())
                .isEqualTo(new LongTermKeys(true, 3, 3, 1));
    }

    @Test
    void parse_longTermKeysNotAllowed_givesNone() {
        EntitlementsDocument document = parse("{\"version\":1,\"default\":{\"models\":[\"" + SONNET
                + "\"],\"regions\":[\"us-east-1\"],\"longTermKeys\":{\"allowed\":false,\"maxAgeDays\":3}}}");

        assertThat(document.entitlementFor(List.of()).orElseThrow().longTermKeys()).isEqualTo(LongTermKeys.NONE);
    }

    @Test
    void allGrants_returnsOneGrantPerProfileDefaultFirstWithoutRepeats() {
        assertThat(DOCUMENT.allGrants()).containsExactly(
                new Grant(List.of(HAIKU), List.of("us-east-1")),
                new Grant(List.of(SONNET, HAIKU), List.of("us-east-1", "us-west-2")),
                new Grant(List.of(NOVA), List.of("eu-west-1")),
                new Grant(List.of(NOVA), List.of("us-east-1")));
    }

    @Test
    void allRegionsAndAllModels_areSortedAndDistinct() {
        assertThat(DOCUMENT.allRegions()).containsExactly("eu-west-1", "us-east-1", "us-west-2");
        assertThat(DOCUMENT.allModels()).containsExactly(NOVA, HAIKU, SONNET);
    }

    @Test
    void groupNamesAndAdminGroupNames_comeFromTheDocument() {
        assertThat(DOCUMENT.groupNames()).containsExactly("developers", "integrations", "auditors", "copy-of-default");
        assertThat(DOCUMENT.adminGroupNames()).containsExactly("bedrock-admins");
        assertThat(DOCUMENT.hasDefaultProfile()).isTrue();
    }

    @Test
    void parse_exampleFile_givesDevelopersTheirProfilesAndAdminsTheirFlag() throws IOException {
        EntitlementsDocument example = parse(Files.readString(Path.of("..", "examples", "entitlements.json")));

        Entitlement admin = example.entitlementFor(List.of("developers", "bedrock-admins")).orElseThrow();
        assertThat(admin.admin()).isTrue();
        assertThat(admin.shortTermKeys()).isTrue();
        assertThat(admin.allows("us.anthropic.claude-opus-4-1-20250805-v1:0", "us-east-2")).isTrue();
        assertThat(example.entitlementFor(List.of()).orElseThrow().models())
                .containsExactly("us.anthropic.claude-haiku-4-5-20251001-v1:0");
    }

    private static EntitlementsDocument parse(String json) {
        try {
            return EntitlementsDocument.parse(json);
        } catch (InvalidEntitlementsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
