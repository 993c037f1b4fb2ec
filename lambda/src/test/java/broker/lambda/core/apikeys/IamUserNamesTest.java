package broker.lambda.core.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.identity.SessionNaming;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefABCDEF0123456789-_|:/.@+= ").ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30));
    }
}
