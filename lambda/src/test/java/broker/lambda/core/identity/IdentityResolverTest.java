package broker.lambda.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
    private static final String SUB = "11111111-2222-3333-4444-555555555555";
    private static final IdentityClaims COGNITO = new IdentityClaims("cognito:username", "cognito:groups");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Resolver defaults = new Resolver(IdentityClaims.DEFAULTS);

    @Test
    void resolve_cognitoClaimsConfiguredForCognito_usesUsernameAndCognitoGroups() {
        Map<String, String> claims = Map.of(
                "sub", SUB,
                "cognito:username", "alice",
                "email", "alice@example.com",
                "cognito:groups", "[bedrock-users admins]",
                "token_use", "access");

        Optional<Identity> identity = new Resolver(COGNITO).resolve(claims);

        assertThat(identity).contains(Principals.person(SUB, "alice", "alice@example.com", List.of("bedrock-users", "admins")));
    }

    @Test
    void resolve_oktaTokenWithJsonArrayGroups_readsTheGroupsFromThePayload() {
        Identity identity = defaults.fromToken("{\"sub\":\"00u1abcd2EFGH3ijk4x7\",\"email\":\"bob@example.org\","
                + "\"groups\":[\"Everyone\", \"Bedrock Power Users\", \"eng\\u002dml\"]}").orElseThrow();

        assertThat(identity.userName()).isEqualTo("bob@example.org");
        assertThat(identity.groups()).containsExactly("Everyone", "Bedrock Power Users", "eng-ml");
    }

    @Test
    void resolve_apiGatewayBracketForm_splitsOnWhitespace() {
        Identity identity = defaults.resolve(claims("groups", "[a  b\tc]")).orElseThrow();

        assertThat(identity.groups()).containsExactly("a", "b", "c");
    }

    @Test
    void resolve_singlePlainStringGroup_returnsOneGroup() {
        Identity identity = defaults.resolve(claims("groups", "  Bedrock Users ")).orElseThrow();

        assertThat(identity.groups()).containsExactly("Bedrock Users");
    }

    @Test
    void resolve_emptyBracketArray_returnsNoGroups() {
        assertThat(defaults.resolve(claims("groups", "[]")).orElseThrow().groups()).isEmpty();
    }

    @Test
    void resolve_missingGroupsClaim_returnsNoGroups() {
        assertThat(defaults.resolve(Map.of("sub", SUB)).orElseThrow().groups()).isEmpty();
    }

    @Test
    void resolve_jsonArrayOfScalars_keepsTheirTextAndSkipsNestedValues() {
        Identity identity = defaults.fromToken(groupsToken("[1, true, null, {\"x\":[2]}, [3], \"g\"]")).orElseThrow();

        assertThat(identity.groups()).containsExactly("1", "true", "g");
    }

    @Test
    void resolve_jsonTextInFlattenedClaim_isAmbiguousAndYieldsNoGroups() {
        Identity identity = defaults.resolve(claims("groups", "[\"ops\", \"dev\", oops]")).orElseThrow();

        assertThat(identity.groups()).isEmpty();
        assertThat(identity.note()).contains("groups claim ignored");
    }

    @Test
    void resolve_unclosedBracketForm_isAmbiguousAndYieldsNoGroups() {
        Identity identity = defaults.resolve(claims("groups", "[a b")).orElseThrow();

        assertThat(identity.groups()).isEmpty();
        assertThat(identity.note()).contains("closing ']'");
    }

    @Test
    void resolve_duplicateAndBlankGroups_keepsFirstOccurrencesInOrder() {
        Identity identity = defaults.fromToken(groupsToken("[\"b\", \" a \", \"\", \"b\", \"  \", \"a\", \"c\"]")).orElseThrow();

        assertThat(identity.groups()).containsExactly("b", "a", "c");
    }

    @Test
    void resolve_moreThanMaxGroups_keepsTheFirstHundred() {
        String many = IntStream.range(0, 250).mapToObj(i -> "g" + i).collect(Collectors.joining(" ", "[", "]"));

        Identity identity = defaults.resolve(claims("groups", many)).orElseThrow();

        assertThat(identity.groups()).hasSize(100).startsWith("g0", "g1").endsWith("g99");
    }

    @Test
    void resolve_groupLongerThanLimit_isDroppedNotTruncated() {
        String tooLong = "x".repeat(257);
        String longest = "y".repeat(256);

        Identity identity = defaults.fromToken(groupsToken("[\"a\",\"" + tooLong + "\",\"" + longest + "\"]")).orElseThrow();

        assertThat(identity.groups()).containsExactly("a", longest);
    }

    @Test
    void resolve_hugeJsonGroupsClaim_keepsAtMostHundredGroups() {
        String huge = IntStream.range(0, 50_000).mapToObj(i -> "\"group-" + i + "\"").collect(Collectors.joining(",", "[", "]"));

        Identity identity = defaults.fromToken(groupsToken(huge)).orElseThrow();

        assertThat(identity.groups()).hasSize(100).first().isEqualTo("group-0");
    }

    @Test
    void resolve_missingSub_returnsEmpty() {
        assertThat(defaults.resolve(Map.of("email", "alice@example.com"))).isEmpty();
    }

    @Test
    void resolve_blankSub_returnsEmpty() {
        assertThat(defaults.resolve(Map.of("sub", " \t "))).isEmpty();
    }

    @Test
    void resolve_nullClaims_returnsEmpty() {
        assertThat(defaults.resolve(null)).isEmpty();
    }

    @Test
    void resolve_subWithControlCharacter_returnsEmptyRatherThanAlteringTheIdentifier() {
        assertThat(defaults.resolve(Map.of("sub", "abc\u0000def"))).isEmpty();
    }

    @Test
    void resolve_subLongerThanOidcLimit_returnsEmpty() {
        assertThat(defaults.resolve(Map.of("sub", "s".repeat(256)))).isEmpty();
        assertThat(defaults.resolve(Map.of("sub", "s".repeat(255)))).isPresent();
    }

    @Test
    void resolve_missingUserNameClaim_fallsBackToSub() {
        Identity identity = defaults.resolve(Map.of("sub", SUB)).orElseThrow();

        assertThat(identity.userName()).isEqualTo(SUB);
        assertThat(identity.email()).isEmpty();
    }

    @Test
    void resolve_userNameOfOnlyControlCharacters_fallsBackToSub() {
        assertThat(defaults.resolve(claims("email", "\u0007\u001b \u202e")).orElseThrow().userName()).isEqualTo(SUB);
    }

    @Test
    void resolve_cognitoConfigWithoutUsernameClaim_fallsBackToSubNotEmail() {
        Identity identity = new Resolver(COGNITO).resolve(Map.of("sub", SUB, "email", "a@b.c")).orElseThrow();

        assertThat(identity.userName()).isEqualTo(SUB);
        assertThat(identity.email()).isEqualTo("a@b.c");
    }

    @Test
    void resolve_controlCharactersInValues_areStripped() {
        Identity identity = defaults.fromToken("{\"sub\":\"" + SUB + "\",\"email\":\"ev\\u0000il@exa\\r\\nmple.com\\u0085\","
                + "\"groups\":[\"adm\\u001bins\", \"ops\\u2028\"]}").orElseThrow();

        assertThat(identity.email()).isEqualTo("evil@example.com");
        assertThat(identity.groups()).containsExactly("admins", "ops");
    }

    @Test
    void resolve_bidiOverrideInName_isStripped() {
        Map<String, String> claims = Map.of("sub", SUB, "name", "\u202Eadmin\u2066gpj.exe\u2069");

        Identity identity = new Resolver(new IdentityClaims("name", "groups")).resolve(claims).orElseThrow();

        assertThat(identity.userName()).isEqualTo("admingpj.exe");
    }

    @Test
    void resolve_emojiCjkAndRtlNames_areKeptIntact() {
        Resolver byName = new Resolver(new IdentityClaims("name", "groups"));

        assertThat(byName.resolve(Map.of("sub", SUB, "name", "山田 太郎 😀")).orElseThrow().userName()).isEqualTo("山田 太郎 😀");
        assertThat(byName.resolve(Map.of("sub", SUB, "name", "דוד כהן")).orElseThrow().userName()).isEqualTo("דוד כהן");
        assertThat(byName.resolve(Map.of("sub", SUB, "name", "👨‍👩‍👧")).orElseThrow().userName()).isEqualTo("👨‍👩‍👧");
    }

    @Test
    void resolve_unpairedSurrogateInName_isStripped() {
        Identity identity = defaults.resolve(claims("email", "a\uD800b\uDC00c")).orElseThrow();

        assertThat(identity.email()).isEqualTo("abc");
    }

    @Test
    void resolve_veryLongUserName_isCutToLimitOnCodePointBoundary() {
        String name = "a" + "😀".repeat(1000);
        Resolver byName = new Resolver(new IdentityClaims("name", "groups"));

        String userName = byName.resolve(Map.of("sub", SUB, "name", name)).orElseThrow().userName();

        assertThat(userName).hasSize(255).startsWith("a😀").endsWith("😀");
    }

    @Test
    void resolve_veryLongEmail_isDroppedRatherThanCut() {
        Identity identity = defaults.resolve(claims("email", "a".repeat(300) + "@example.com")).orElseThrow();

        assertThat(identity.email()).isEmpty();
    }

    private static String groupsToken(String groupsJson) {
        return "{\"sub\":\"" + SUB + "\",\"groups\":" + groupsJson + "}";
    }

    /**
     * The resolver of one test issuer, fed claims as API Gateway hands them over: with the issuer's {@code iss}, and
     * with {@code email_verified} true unless a test says otherwise.
     */
    private record Resolver(IdentityResolver resolver) {
        Resolver(IdentityClaims claims) {
            this(new IdentityResolver(List.of(Principals.issuer(claims))));
        }

        Optional<Identity> resolve(Map<String, String> claims) {
            return claims == null ? resolver.resolve(null) : resolver.resolve(complete(claims));
        }

        /** Verified claims flattened from a token payload (JSON without iss), and the payload itself. */
        Optional<Identity> fromToken(String payloadWithoutIssuer) {
            try {
                ObjectNode payload = (ObjectNode) JSON.readTree(payloadWithoutIssuer);
                payload.put("iss", Principals.ISSUER);
                if (!payload.has("email_verified")) payload.put("email_verified", true);
                return resolver.resolve(FlattenedClaims.flatten(payload), JSON.writeValueAsString(payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, String> complete(Map<String, String> claims) {
            Map<String, String> copy = new HashMap<>(claims);
            copy.putIfAbsent("iss", Principals.ISSUER);
            copy.putIfAbsent("email_verified", "true");
            return copy;
        }
    }

    private static Map<String, String> claims(String name, String value) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", SUB);
        claims.put(name, value);
        return claims;
    }
}
