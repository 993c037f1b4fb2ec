package broker.lambda.core.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.SessionNaming;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IamUserNamesTest {
    // IAM's rules, written out independently of the code under test.
    private static final Pattern IAM_USER_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    @Test
    void candidates_ofASubjectThatIsAValidName_startWithTheSubjectItself() {
        assertThat(IamUserNames.candidates("00u1abcd"))
                .containsExactly("00u1abcd", "00u1abcd-2", "00u1abcd-3", "00u1abcd-4", "00u1abcd-5");
    }

    @Test
    void candidates_ofASubjectWithOtherCharacters_areItsSanitizedFormPlusTheSessionHash() {
        assertThat(IamUserNames.candidates("auth0|5f7c8ec7c33c6c004bbafe82").getFirst())
                .isEqualTo("auth0_5f7c8ec7c33c6c004bbafe82-" + SessionNaming.subjectHash("auth0|5f7c8ec7c33c6c004bbafe82"));
    }

    @Test
    void candidates_ofSubjectsThatSanitizeAlike_differ() {
        assertThat(IamUserNames.candidates("auth0|abc").getFirst()).isNotEqualTo(IamUserNames.candidates("auth0/abc").getFirst());
    }

    @Test
    void candidates_ofA64CharSubject_stayWithin64Chars() {
        String subject = "a".repeat(64);

        assertThat(IamUserNames.candidates(subject)).first().isEqualTo(subject);
        assertThat(IamUserNames.candidates(subject).get(1)).hasSize(64).endsWith("-2");
    }

    @Test
    void ownerTag_ofAPlainSubject_isTheSubject() {
        assertThat(IamUserNames.ownerTag("00u1abcd")).isEqualTo("00u1abcd");
    }

    @Test
    void ownerTag_ofASubjectATagCannotHold_isItsSha256() {
        assertThat(IamUserNames.ownerTag("auth0|abc")).startsWith("sha256:").hasSize(7 + 64);
        assertThat(IamUserNames.ownerTag("sha256:looks-hashed")).isNotEqualTo("sha256:looks-hashed");
    }

    @Test
    void displayTag_replacesWhatATagCannotHold() {
        assertThat(IamUserNames.displayTag("Zoë <zoe@example.com>\n")).isEqualTo("Zoë _zoe@example.com__");
    }

    @Property
    void candidates_ofAnySubject_areFiveDistinctValidIamUserNames(@ForAll("subjects") String subject) {
        List<String> names = IamUserNames.candidates(subject);

        assertThat(names).hasSize(5).allMatch(n -> IAM_USER_NAME.matcher(n).matches());
        Set<String> folded = new HashSet<>();
        names.forEach(n -> folded.add(n.toLowerCase(Locale.ROOT)));
        assertThat(folded).as("distinct even to IAM, which ignores case").hasSize(5);
    }

    @Property
    void candidates_areAPureFunctionOfTheSubject(@ForAll("subjects") String subject) {
        assertThat(IamUserNames.candidates(subject)).isEqualTo(IamUserNames.candidates(new String(subject.toCharArray())));
    }

    @Property
    void ownerTag_ofAnySubject_isAValidTagValue(@ForAll("subjects") String subject) {
        assertThat(IamUserNames.ownerTag(subject)).matches(TAG_VALUE);
    }

    @Property
    void ownerTag_ofDistinctSubjects_differs(@ForAll("subjects") String a, @ForAll("subjects") String b) {
        Assume.that(!a.equals(b));

        assertThat(IamUserNames.ownerTag(a)).isNotEqualTo(IamUserNames.ownerTag(b));
    }

    @Property
    void displayTag_ofAnyText_isAValidTagValue(@ForAll("subjects") String text) {
        assertThat(IamUserNames.displayTag(text)).matches(TAG_VALUE);
    }

    @Test
    void exactOwnerTags_ofAnAuth0Subject_areBase64UrlOfItsUtf8UnderNumberedKeys() {
        Map<String, String> tags = IamUserNames.exactOwnerTags(
                new PrincipalId("https://acme.eu.auth0.com/", "auth0|5f7c8ec7c33c6c004bbafe82")).orElseThrow();

        assertThat(tags).containsOnly(
                Map.entry("bedrock-broker:owner-issuer/0", "aHR0cHM6Ly9hY21lLmV1LmF1dGgwLmNvbS8"),
                Map.entry("bedrock-broker:owner-subject/0", "YXV0aDB8NWY3YzhlYzdjMzNjNmMwMDRiYmFmZTgy"));
    }

    @Test
    void exactOwnerTags_ofALongSubject_areCutInto256CharValuesAndRefusedBeyondTheCap() {
        Map<String, String> tags = IamUserNames.exactOwnerTags(new PrincipalId("https://i", "s".repeat(700))).orElseThrow();

        assertThat(tags).containsKeys("bedrock-broker:owner-subject/0", "bedrock-broker:owner-subject/3");
        assertThat(tags.get("bedrock-broker:owner-subject/0")).hasSize(256);
        assertThat(IamUserNames.exactOwnerTags(new PrincipalId("https://i", "s".repeat(769)))).isEmpty();
        assertThat(IamUserNames.exactOwnerTags(new PrincipalId("https://i/" + "p".repeat(760), "s"))).isEmpty();
    }

    @Test
    void owner_withExactTagsMissingAChunkOrCutShort_isEmpty() {
        PrincipalId principal = new PrincipalId("https://i", "s".repeat(700));
        Map<String, String> tags = written(principal);
        assertThat(IamUserNames.owner(user(tags), "https://legacy")).contains(principal);

        Map<String, String> gap = new HashMap<>(tags);
        gap.remove("bedrock-broker:owner-subject/1");
        Map<String, String> shortened = new HashMap<>(tags);
        shortened.remove("bedrock-broker:owner-subject/3");
        Map<String, String> garbled = new HashMap<>(tags);
        garbled.put("bedrock-broker:owner-issuer/0", "not base64!");
        Map<String, String> noPrincipal = new HashMap<>(tags);
        noPrincipal.remove(IamUserNames.TAG_PRINCIPAL);

        for (Map<String, String> bad : List.of(gap, shortened, garbled, noPrincipal)) {
            assertThat(IamUserNames.owner(user(bad), "https://legacy")).isEmpty();
        }
    }

    @Test
    void owner_withExactTagsOfAnotherPrincipalThanThePrincipalTag_isEmpty() {
        Map<String, String> tags = written(new PrincipalId("https://i", "auth0|alice"));
        tags.putAll(IamUserNames.exactOwnerTags(new PrincipalId("https://i", "auth0|mallory")).orElseThrow());

        assertThat(IamUserNames.owner(user(tags), "https://legacy")).isEmpty();
    }

    @Test
    void owner_ofAUserFromBefore_isTheLegacyIssuerAndPlainSubjectTag_andNothingForAHashedOne() {
        assertThat(IamUserNames.owner(user(Map.of(IamUserNames.TAG_SUBJECT, "00u1abcd")), "https://legacy"))
                .contains(new PrincipalId("https://legacy", "00u1abcd"));
        assertThat(IamUserNames.owner(user(Map.of(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag("auth0|x"))),
                "https://legacy")).isEmpty();
        assertThat(IamUserNames.owner(user(Map.of()), "https://legacy")).isEmpty();
    }

    @Property
    void owner_ofWhatTheBrokerWrites_isExactlyThePrincipal(@ForAll("issuers") String issuer, @ForAll("subjects") String subject) {
        Assume.that(!subject.isBlank());
        PrincipalId principal = new PrincipalId(issuer, subject);
        Optional<Map<String, String>> exact = IamUserNames.exactOwnerTags(principal);
        Assume.that(exact.isPresent());
        exact.get().forEach((k, v) -> assertThat(v).matches(TAG_VALUE).isNotEmpty());

        Optional<PrincipalId> read = IamUserNames.owner(user(written(principal)), "https://legacy");

        // Lone surrogates have no UTF-8: such a subject is not read back, and never read as someone else.
        if (new String(subject.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(subject)) {
            assertThat(read).contains(principal);
        } else {
            assertThat(read).isEmpty();
        }
    }

    /** The owner tags {@code ApiKeysService} writes. */
    private static Map<String, String> written(PrincipalId principal) {
        Map<String, String> tags = new HashMap<>(IamUserNames.exactOwnerTags(principal).orElseThrow());
        tags.put(IamUserNames.TAG_PRINCIPAL, IamUserNames.principalTag(principal));
        tags.put(IamUserNames.TAG_ISSUER, IamUserNames.displayTag(principal.issuer()));
        tags.put(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(principal.subject()));
        return tags;
    }

    private static IamUser user(Map<String, String> tags) {
        return new IamUser("u", "/bedrock-broker/users/", null, tags);
    }

    @Provide
    Arbitrary<String> issuers() {
        return Arbitraries.oneOf(Arbitraries.just("https://acme.eu.auth0.com/"),
                Arbitraries.strings().withChars("abcxyz~?%&|:/.-").ofMinLength(1).ofMaxLength(60).map(p -> "https://" + p));
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefABCDEF0123456789-_|:/.@+= ").ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30));
    }
}
