package broker.lambda.core.identity;

import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StsSessionIdentityTest {
    private static final String SUB = "11111111-2222-3333-4444-555555555555";
    // Independently computed: base32(SHA-256(SUB)) lowercased, first 12 chars.
    private static final String SUB_HASH = "mzx7ntfklm6a";
    // Independently computed: base32(SHA-256("https://idp.example.com" + NUL + SUB)) lowercased, first 12 chars.
    private static final String PRINCIPAL_HASH = "whbudcpifdvw";

    @Test
    void principalHash_knownPrincipal_isBase32OfSha256OverIssuerAndSubject() {
        assertThat(Principals.principal(SUB).hash()).isEqualTo(PRINCIPAL_HASH);
        assertThat(Principals.principal(SUB).legacyHash()).isEqualTo(SUB_HASH);
    }

    @Test
    void subjectHash_knownSubject_isBase32OfSha256() {
        assertThat(SessionNaming.subjectHash("abc")).isEqualTo("xj4bnp4pahh6");
        assertThat(SessionNaming.subjectHash(SUB)).isEqualTo(SUB_HASH);
    }

    @Test
    void of_emailUserName_isEmailThenPrincipalHash() {
        StsSessionIdentity sts = StsSessionIdentity.of(identity(SUB, "alice@example.com"));

        assertThat(sts.roleSessionName()).isEqualTo("alice@example.com-" + PRINCIPAL_HASH);
        assertThat(sts.sourceIdentity()).isEqualTo("alice@example.com-" + PRINCIPAL_HASH);
    }

    @Test
    void of_accentedName_isTransliteratedToAscii() {
        assertThat(StsSessionIdentity.of(identity(SUB, "José Müller-Straße")).roleSessionName())
                .isEqualTo("Jose_Muller-Strasse-" + PRINCIPAL_HASH);
    }

    @Test
    void of_fullwidthAndLigatureCharacters_areFoldedByNfkd() {
        assertThat(StsSessionIdentity.of(identity(SUB, "ＡＢＣ ﬁle")).roleSessionName()).isEqualTo("ABC_file-" + PRINCIPAL_HASH);
    }

    @Test
    void of_cjkName_usesTheSubjectAsReadablePart() {
        assertThat(StsSessionIdentity.of(identity(SUB, "山田太郎")).sourceIdentity()).isEqualTo(SUB + "-" + PRINCIPAL_HASH);
    }

    @Test
    void of_rtlName_usesTheSubjectAsReadablePart() {
        assertThat(StsSessionIdentity.of(identity(SUB, "דוד כהן")).sourceIdentity()).isEqualTo(SUB + "-" + PRINCIPAL_HASH);
    }

    @Test
    void of_nothingReadableInNameOrSubject_usesPlaceholder() {
        StsSessionIdentity sts = StsSessionIdentity.of(identity("😀😀", "👨‍👩‍👧"));

        assertThat(sts.roleSessionName()).isEqualTo("user-" + Principals.principal("😀😀").hash());
    }

    @Test
    void of_mixedScriptName_keepsTheAsciiPartsJoinedByUnderscore() {
        assertThat(StsSessionIdentity.of(identity(SUB, "  Bob 😀 (ops) ")).roleSessionName()).isEqualTo("Bob_ops-" + PRINCIPAL_HASH);
    }

    @Test
    void of_awsPrefixedUserName_sourceIdentityDoesNotStartWithAws() {
        assertThat(StsSessionIdentity.of(identity(SUB, "aws:admin")).sourceIdentity()).isEqualTo("aws_admin-" + PRINCIPAL_HASH);
        assertThat(StsSessionIdentity.of(identity(SUB, "AWS:")).sourceIdentity()).isEqualTo("AWS-" + PRINCIPAL_HASH);
    }

    @Test
    void of_awsPrefixedSubject_sourceIdentityDoesNotStartWithAws() {
        assertThat(StsSessionIdentity.of(identity("aWs:x", "山")).sourceIdentity()).isEqualTo("aWs_x-" + Principals.principal("aWs:x").hash());
    }

    @Test
    void of_veryLongUserName_isCutToSixtyFourChars() {
        StsSessionIdentity sts = StsSessionIdentity.of(identity(SUB, "a".repeat(10_000)));

        assertThat(sts.roleSessionName()).hasSize(64).isEqualTo("a".repeat(51) + "-" + PRINCIPAL_HASH);
    }

    @Test
    void of_cutEndingInSeparator_dropsTrailingUnderscores() {
        String name = "a".repeat(50) + " b";

        assertThat(StsSessionIdentity.of(identity(SUB, name)).roleSessionName()).isEqualTo("a".repeat(50) + "-" + PRINCIPAL_HASH);
    }

    @Test
    void of_sameNameDistinctSubjects_givesDistinctNames() {
        StsSessionIdentity first = StsSessionIdentity.of(identity("auth0|123", "alice"));
        StsSessionIdentity second = StsSessionIdentity.of(identity("auth0_123", "alice"));

        assertThat(first.roleSessionName()).isNotEqualTo(second.roleSessionName());
        assertThat(first.sourceIdentity()).isNotEqualTo(second.sourceIdentity());
    }

    @Test
    void of_subjectsDifferingOnlyInUnpairedSurrogates_giveDistinctNames() {
        // UTF-8 encodes each unpaired surrogate as '?': the hash must not.
        List<String> subjects = List.of("a\uD800", "a\uDC00", "a?", "a\uFFFD");

        assertThat(subjects.stream().map(s -> StsSessionIdentity.of(identity(s, "x")).sourceIdentity()).distinct())
                .hasSize(4);
    }

    @Test
    void of_sameIdentityTwice_givesEqualValues() {
        Identity identity = Principals.person(SUB, "Zoë", "zoe@example.com", List.of("a", "b"));
        Identity copy = Principals.person(new String(SUB), "Zoë", "zoe@example.com", List.of("a", "b"));

        assertThat(StsSessionIdentity.of(identity)).isEqualTo(StsSessionIdentity.of(copy));
    }

    @Test
    void of_cognitoIdentity_tagsUserEmailSubjectAndGroups() {
        Identity identity = Principals.person(SUB, "alice", "alice@example.com", List.of("bedrock-users", "Power Users"));

        assertThat(StsSessionIdentity.of(identity).sessionTags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "user", "alice",
                "email", "alice@example.com",
                "subject", SUB,
                "groups", "bedrock-users:Power Users"));
    }

    @Test
    void of_noEmailAndNoGroups_keepsEmptyTags() {
        Map<String, String> tags = StsSessionIdentity.of(identity(SUB, "alice")).sessionTags();

        assertThat(tags).containsEntry("email", "").containsEntry("groups", "");
    }

    @Test
    void of_unicodeUserName_keepsLettersInTagAndReplacesOthers() {
        Map<String, String> tags = StsSessionIdentity.of(identity(SUB, "山田 太郎 😀 (dev) דוד")).sessionTags();

        assertThat(tags).containsEntry("user", "山田 太郎 _ _dev_ דוד");
    }

    @Test
    void of_decomposedAccents_areComposedInTags() {
        assertThat(StsSessionIdentity.of(identity(SUB, "Jose\u0301")).sessionTags()).containsEntry("user", "José");
    }

    @Test
    void of_longUserNameAndEmail_areCutInTags() {
        Identity identity = Principals.person(SUB, "u".repeat(300), "e".repeat(200) + "@x.io", List.of());

        Map<String, String> tags = StsSessionIdentity.of(identity).sessionTags();

        assertThat(tags.get("user")).isEqualTo("u".repeat(64));
        assertThat(tags.get("email")).isEqualTo("e".repeat(128));
    }

    @Test
    void of_subjectWithDisallowedCharacters_isSanitizedInTag() {
        assertThat(StsSessionIdentity.of(identity("auth0|123", "a")).sessionTags()).containsEntry("subject", "auth0_123");
    }

    @Test
    void of_subjectTooLongForTag_tagsItsHash() {
        String subject = "s".repeat(200);

        assertThat(StsSessionIdentity.of(identity(subject, "a")).sessionTags())
                .containsEntry("subject", "sha256:" + SessionNaming.subjectHash(subject));
    }

    @Test
    void of_groupWithColon_isEscapedSoTheSeparatorStaysUnambiguous() {
        Identity identity = Principals.person(SUB, "a", "", List.of("team:ml", "ops"));

        assertThat(StsSessionIdentity.of(identity).sessionTags()).containsEntry("groups", "team_ml:ops");
    }

    @Test
    void of_groupsBeyondTagLimit_areCutOnAGroupBoundary() {
        List<String> groups = IntStream.range(0, 30).mapToObj(i -> String.format("group-%03d", i)).toList();

        String tag = StsSessionIdentity.of(Principals.person(SUB, "a", "", groups)).sessionTags().get("groups");

        // 25 groups of 9 chars plus 24 separators = 249; a 26th would need 259.
        assertThat(tag).hasSize(249)
                .isEqualTo(groups.subList(0, 25).stream().collect(Collectors.joining(":")));
    }

    @Test
    void constructor_oneCharSessionName_throws() {
        assertThatThrownBy(() -> new StsSessionIdentity("a", "ab", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_nonAsciiSourceIdentity_throws() {
        assertThatThrownBy(() -> new StsSessionIdentity("ab", "abé", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_sourceIdentityStartingWithAws_throws() {
        assertThatThrownBy(() -> new StsSessionIdentity("ab", "AwS:x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("AwS:x");
    }

    @Test
    void constructor_tagValueWithDisallowedCharacter_throws() {
        assertThatThrownBy(() -> new StsSessionIdentity("ab", "ab", Map.of("user", "a|b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_tagKeysDifferingOnlyInCase_throws() {
        assertThatThrownBy(() -> new StsSessionIdentity("ab", "ab", Map.of("user", "a", "User", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_fiftyOneTags_throws() {
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, 51).forEach(i -> tags.put("k" + i, "v"));

        assertThatThrownBy(() -> new StsSessionIdentity("ab", "ab", tags)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_validValues_keepsThem() {
        StsSessionIdentity sts = new StsSessionIdentity("ab", "a+=,.@-_9", Map.of("k", ""));

        assertThat(sts.sourceIdentity()).isEqualTo("a+=,.@-_9");
        assertThat(sts.sessionTags()).containsExactly(Map.entry("k", ""));
    }

    private static Identity identity(String subject, String userName) {
        return Principals.person(subject, userName, "", List.of());
    }
}
