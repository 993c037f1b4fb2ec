package broker.lambda.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Injection, not only splitting: whatever group names an issuer lets people create, the broker never reads a group
 * that the token does not hold by that exact name, and never a name holding a separator from a flattened claim.
 */
class GroupsInjectionPropertiesTest {
    private static final String ADMIN = "broker-admins";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IdentityResolver RESOLVER = new IdentityResolver(List.of(Principals.issuer(IdentityClaims.DEFAULTS)));

    @Property
    void resolve_tokenPayload_yieldsExactlyTheNamesAndNeverAnInjectedOne(@ForAll("names") List<String> names) throws Exception {
        Assume.that(!names.contains(ADMIN));
        ObjectNode payload = payload(names);

        Identity identity = RESOLVER.resolve(FlattenedClaims.flatten(payload), JSON.writeValueAsString(payload)).orElseThrow();

        assertThat(identity.groups()).doesNotContain(ADMIN);
        // Each group is one whole name of the token (cleaned of unsafe characters and surrounding white space).
        assertThat(names.stream().map(n -> ClaimText.clean(n, GroupsClaim.MAX_GROUP_LENGTH)).toList())
                .containsAll(identity.groups());
    }

    @Property
    void resolve_flattenedClaimWithSeparatorsInAName_yieldsNoGroups(@ForAll("names") List<String> names) throws Exception {
        Assume.that(names.stream().anyMatch(n -> n.chars().anyMatch(c -> GroupsClaim.SEPARATORS.indexOf(c) >= 0)));

        Identity identity = RESOLVER.resolve(FlattenedClaims.flatten(payload(names))).orElseThrow();

        assertThat(identity.groups()).isEmpty();
        assertThat(identity.note()).startsWith("groups claim ignored");
    }

    @Property
    void resolve_flattenedClaim_neverYieldsANameWithASeparatorOrWhiteSpace(@ForAll("names") List<String> names) throws Exception {
        Identity identity = RESOLVER.resolve(FlattenedClaims.flatten(payload(names))).orElseThrow();

        // API Gateway joins array elements with a space: other white space (NBSP, U+2003) belongs to a name.
        assertThat(identity.groups()).allSatisfy(g ->
                assertThat(g).doesNotContainPattern("[ \t\n\u000B\f\r]").doesNotContain("[", "]", "\"", ","));
    }

    @Property
    void resolve_payloadOfAnotherToken_isIgnored(@ForAll("names") List<String> names) throws Exception {
        ObjectNode verified = payload(List.of("developers"));
        ObjectNode smuggled = payload(names);
        smuggled.put("sub", "someone-else");
        Map<String, String> claims = FlattenedClaims.flatten(verified);

        Identity identity = RESOLVER.resolve(claims, JSON.writeValueAsString(smuggled)).orElseThrow();

        assertThat(identity.groups()).containsExactly("developers");
    }

    private static ObjectNode payload(List<String> names) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("iss", Principals.ISSUER).put("sub", "00u1abcd").put("exp", 1_900_000_000L);
        ArrayNode groups = payload.putArray("groups");
        names.forEach(groups::add);
        return payload;
    }

    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> slug = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-_0123456789").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> injected = Arbitraries.oneOf(
                slug.map(s -> s + " " + ADMIN),
                slug.map(s -> ADMIN + "\t" + s),
                slug.map(s -> "\"" + s + "\",\"" + ADMIN + "\""),
                slug.map(s -> s + "] [" + ADMIN),
                slug.map(s -> s + "," + ADMIN),
                slug.map(s -> "[" + ADMIN + "]"),
                Arbitraries.of("data science", "x broker-admins", "\"a\",\"broker-admins\""));
        return Arbitraries.oneOf(slug, injected, Arbitraries.strings().ofMaxLength(20)).list().ofMaxSize(8);
    }
}
