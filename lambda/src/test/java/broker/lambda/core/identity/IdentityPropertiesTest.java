package broker.lambda.core.identity;

import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Properties over hostile Unicode: controls, unpaired surrogates, emoji, RTL, bidi overrides, huge strings. */
class IdentityPropertiesTest {
    // STS's rules, written out independently of the code under test.
    private static final Pattern STS_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");
    private static final Pattern AWS_PREFIX = Pattern.compile("(?i)aws:.*", Pattern.DOTALL);
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}\\x{061C}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");
    private static final List<IdentityResolver> RESOLVERS = List.of(
            new IdentityResolver(List.of(Principals.issuer(IdentityClaims.DEFAULTS))),
            new IdentityResolver(List.of(Principals.issuer(new IdentityClaims("cognito:username", "cognito:groups")))));

    @Property
    void resolve_arbitraryClaims_neverThrows(@ForAll("claims") Map<String, String> claims) {
        for (IdentityResolver resolver : RESOLVERS) {
            assertThatCode(() -> resolver.resolve(claims)).doesNotThrowAnyException();
        }
    }

    @Property
    void resolve_arbitraryClaims_returnsCleanBoundedValues(@ForAll("claims") Map<String, String> claims) {
        for (IdentityResolver resolver : RESOLVERS) {
            resolver.resolve(claims).ifPresent(identity -> {
                assertThat(identity.subject()).isEqualTo(claims.get("sub"));
                assertThat(identity.userName()).hasSizeLessThanOrEqualTo(256).isNotBlank();
                assertThat(identity.email()).hasSizeLessThanOrEqualTo(256);
                assertThat(identity.groups()).hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates();
                assertThat(identity.groups()).allSatisfy(g -> assertThat(g).isNotBlank().hasSizeLessThanOrEqualTo(256));
                for (String value : textValues(identity)) {
                    assertThat(UNSAFE.matcher(value).find()).as("unsafe character in %s", escaped(value)).isFalse();
                }
            });
        }
    }

    @Property
    void resolve_cleanShortSub_isAccepted(@ForAll("claims") Map<String, String> claims) {
        String sub = claims.get("sub");
        Assume.that(sub != null && !sub.isBlank() && sub.length() <= 255 && !UNSAFE.matcher(sub).find());

        assertThat(RESOLVERS.getFirst().resolve(claims)).map(Identity::subject).contains(sub);
    }

    @Property
    void resolve_arbitraryGroupsClaim_keepsOnlyBoundedDistinctGroups(@ForAll("groupsClaims") String groups) {
        Map<String, String> claims = Map.of("iss", Principals.ISSUER, "sub", "s", "groups", groups);

        List<String> parsed = RESOLVERS.getFirst().resolve(claims).orElseThrow().groups();

        assertThat(parsed).hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates()
                .allSatisfy(g -> assertThat(g).isNotBlank().hasSizeLessThanOrEqualTo(256).isEqualTo(g.strip()));
    }

    @Property
    void of_resolvedIdentity_satisfiesStsRules(@ForAll("claims") Map<String, String> claims) {
        Optional<Identity> identity = RESOLVERS.getLast().resolve(claims);
        Assume.that(identity.isPresent());

        assertSatisfiesSts(StsSessionIdentity.of(identity.get()));
    }

    @Property
    void of_arbitraryIdentity_satisfiesStsRules(@ForAll("identities") Identity identity) {
        assertSatisfiesSts(StsSessionIdentity.of(identity));
    }

    @Property
    void of_distinctSubjects_giveDistinctNames(
            @ForAll("subjects") String first, @ForAll("subjects") String second, @ForAll("hostile") String userName) {
        Assume.that(!first.equals(second));
        String name = userName.isBlank() ? "x" : userName;

        StsSessionIdentity a = StsSessionIdentity.of(Principals.person(first, name, "", List.of()));
        StsSessionIdentity b = StsSessionIdentity.of(Principals.person(second, name, "", List.of()));

        assertThat(a.roleSessionName()).isNotEqualTo(b.roleSessionName());
        assertThat(a.sourceIdentity()).isNotEqualTo(b.sourceIdentity());
    }

    @Property
    void of_subjectsOneCharApart_giveDistinctNames(
            @ForAll("subjects") String subject, @ForAll @IntRange(max = 1000) int position, @ForAll char replacement) {
        int at = position % subject.length();
        Assume.that(subject.charAt(at) != replacement);
        String other = subject.substring(0, at) + replacement + subject.substring(at + 1);
        Assume.that(!other.isBlank());

        StsSessionIdentity a = StsSessionIdentity.of(Principals.person(subject, "same", "", List.of()));
        StsSessionIdentity b = StsSessionIdentity.of(Principals.person(other, "same", "", List.of()));

        assertThat(a.roleSessionName()).isNotEqualTo(b.roleSessionName());
        assertThat(a.sourceIdentity()).isNotEqualTo(b.sourceIdentity());
    }

    @Property
    void of_equalIdentities_giveEqualValues(@ForAll("identities") Identity identity) {
        Identity copy = Principals.person(new String(identity.subject()), new String(identity.userName()),
                new String(identity.email()), List.copyOf(identity.groups()));

        assertThat(StsSessionIdentity.of(copy)).isEqualTo(StsSessionIdentity.of(identity));
    }

    private static void assertSatisfiesSts(StsSessionIdentity sts) {
        assertThat(sts.roleSessionName()).matches(STS_NAME);
        assertThat(sts.sourceIdentity()).matches(STS_NAME).doesNotMatch(AWS_PREFIX);
        assertThat(sts.sessionTags()).hasSizeLessThanOrEqualTo(50);
        sts.sessionTags().forEach((key, value) -> {
            assertThat(key).hasSizeBetween(1, 128).matches(TAG_TEXT).doesNotMatch(AWS_PREFIX);
            assertThat(value).as("tag %s = %s", key, escaped(value)).hasSizeLessThanOrEqualTo(256).matches(TAG_TEXT);
        });
    }

    private static List<String> textValues(Identity identity) {
        List<String> values = new java.util.ArrayList<>(List.of(identity.userName(), identity.email()));
        values.addAll(identity.groups());
        return values;
    }

    private static String escaped(String value) {
        return value.chars().limit(200).mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
    }

    /** Short hostile text, and now and then a huge string. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> huge = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMinLength(5_000).ofMaxLength(100_000);
        return Arbitraries.frequencyOf(Tuple.of(20, shortHostile()), Tuple.of(1, huge));
    }

    private static Arbitrary<String> shortHostile() {
        Arbitrary<String> anyUtf16 = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(300);
        Arbitrary<String> fragments = Arbitraries.of(
                        "a", "Z", "9", "-", "_", "@", ".", ":", " ", "\t", "\n", "\u0000", "\u001b", "\u0085",
                        "\u2028", "\u202E", "\u2066", "\u200F", "\uD800", "\uDFFF", "😀", "👨‍👩‍👧", "山田", "דוד",
                        "مريم", "é", "e\u0301", "ß", "ﬁ", "Ａ", "\uFDFA", "aws:", "AWS:", "[", "]", "\"", "\\", ",",
                        "[\"", "\"]", "\",\"", "\\u0000", "|")
                .list().ofMaxSize(80).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(anyUtf16, fragments);
    }

    @Provide
    Arbitrary<String> subjects() {
        return hostile().filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> groupsClaims() {
        Arbitrary<String> jsonArray = shortHostile().list().ofMaxSize(150).map(groups -> groups.stream()
                .map(g -> "\"" + g.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "[", "]")));
        Arbitrary<String> bracketForm = shortHostile().list().ofMaxSize(150).map(groups -> "[" + String.join(" ", groups) + "]");
        return Arbitraries.oneOf(hostile(), jsonArray, bracketForm);
    }

    @Provide
    Arbitrary<Map<String, String>> claims() {
        Arbitrary<String> value = hostile().injectNull(0.15);
        Arbitrary<String> sub = Arbitraries.oneOf(
                value,
                Arbitraries.strings().alpha().numeric().withChars('-', '|').ofMinLength(1).ofMaxLength(80));
        return Combinators.combine(sub, value, value, groupsClaims().injectNull(0.15), value)
                .as((s, email, user, groups, cognitoGroups) -> {
                    Map<String, String> claims = new HashMap<>();
                    claims.put("iss", Principals.ISSUER);
                    claims.put("sub", s);
                    claims.put("email", email);
                    claims.put("email_verified", "true");
                    claims.put("cognito:username", user);
                    claims.put("groups", groups);
                    claims.put("cognito:groups", cognitoGroups);
                    return claims;
                });
    }

    @Provide
    Arbitrary<Identity> identities() {
        return Combinators.combine(subjects(), subjects(), hostile(), shortHostile().list().ofMaxSize(120))
                .as(Principals::person);
    }
}
