package broker.lambda.core.revocation;

import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.StsSessionIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RevocationPolicyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-25T11:30:00Z");
    static final Instant T3 = Instant.parse("2026-11-25T12:00:00Z");
    static final String A = "aaaaaaaaaaaa";
    static final String B = "bbbbbbbbbbbb";
    static final String C = "cccccccccccc";

    @Test
    void render_groupsPeopleRevokedAtTheSameSecondInOneStatement() throws Exception {
        String document = RevocationPolicy.empty().revoke(A, T3).revoke(B, T3).render(10_000).orElseThrow();

        JsonNode statements = JSON.readTree(document).get("Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("Sid").asText()).isEqualTo("BrokerRevokedBefore20261125T120000Z");
        assertThat(statements.get(0).at("/Condition/StringLike/aws:SourceIdentity"))
                .extracting(JsonNode::asText).containsExactly("*-" + A, "*-" + B);
    }

    @Test
    void revoke_aPersonAgain_keepsTheLaterCutoff() {
        RevocationPolicy policy = RevocationPolicy.empty().revoke(A, T3).revoke(A, T1);

        assertThat(policy.cutoffs()).containsExactly(Map.entry(A, T3));
    }

    @Test
    void withoutExpired_dropsEntriesOlderThanTheRetention() {
        RevocationPolicy policy = RevocationPolicy.empty().revoke(A, T1).revoke(B, T2)
                .withoutExpired(T3, Duration.ofMinutes(45));

        assertThat(policy.cutoffs()).containsOnlyKeys(B);
    }

    @Test
    void render_overTheBudget_foldsTheOldestCutoffIntoTheNextOne() throws Exception {
        RevocationPolicy policy = RevocationPolicy.empty().revoke(A, T1).revoke(B, T2).revoke(C, T3);
        int threeStatements = policy.render(100_000).orElseThrow().length();

        String folded = policy.render(threeStatements - 1).orElseThrow();

        RevocationPolicy read = RevocationPolicy.parse(folded);
        assertThat(read.cutoffs()).containsExactlyInAnyOrderEntriesOf(Map.of(A, T2, B, T2, C, T3));
        assertThat(folded.length()).isLessThan(threeStatements);
    }

    @Test
    void render_whenOneStatementCannotHoldEveryone_foldsJustTheOldestPeopleIntoACutOffForEveryone() {
        RevocationPolicy policy = RevocationPolicy.empty().revoke(A, T3).revoke(B, T3).revoke(C, T3);
        for (int i = 1; i <= 300; i++) policy = policy.revoke(hash(i), T1);
        int budget = RevocationPolicy.empty().revokeEveryone(T1).revoke(A, T3).revoke(B, T3).revoke(C, T3)
                .render(100_000).orElseThrow().length();

        String document = policy.render(budget).orElseThrow();

        RevocationPolicy read = RevocationPolicy.parse(document);
        assertThat(read.everyoneBefore()).contains(T1);
        assertThat(read.cutoffs()).containsOnlyKeys(A, B, C);
        for (int i = 1; i <= 300; i++) assertThat(read.denies(hash(i), T1)).isTrue();
        assertThat(document.length()).isLessThanOrEqualTo(budget);
    }

    private static String hash(int i) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 12; k++) {
            out.append(alphabet.charAt(i % 32));
            i /= 32;
        }
        return out.toString();
    }

    @Test
    void revokeEveryone_rendersADenyWithoutSourceIdentityCondition_andParsesBack() throws Exception {
        String document = RevocationPolicy.empty().revokeEveryone(T2).revoke(A, T1).revoke(B, T3).render(10_000).orElseThrow();

        JsonNode statements = JSON.readTree(document).get("Statement");
        assertThat(statements.get(0).get("Sid").asText()).isEqualTo("BrokerRevokedAllBefore20261125T113000Z");
        assertThat(statements.get(0).get("Condition").toString())
                .isEqualTo("{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-25T11:30:00Z\"}}");
        RevocationPolicy read = RevocationPolicy.parse(document);
        assertThat(read.everyoneBefore()).contains(T2);
        // A's own cutoff is older than everyone's: it says nothing more and is left out.
        assertThat(read.cutoffs()).containsExactly(Map.entry(B, T3));
        assertThat(read.denies(A, T1)).isTrue();
    }

    @Test
    void withoutExpired_dropsAnOldCutOffForEveryone() {
        assertThat(RevocationPolicy.empty().revokeEveryone(T1).withoutExpired(T3, Duration.ofMinutes(45)).everyoneBefore())
                .isEmpty();
    }

    @Test
    void render_whenNotEvenOneStatementFits_isEmpty() {
        assertThat(RevocationPolicy.empty().revoke(A, T1).render(50)).isEmpty();
    }

    @Test
    void parse_keepsStatementsTheBrokerDidNotWrite() throws Exception {
        String document = """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"HandWritten","Effect":"Deny","Action":"bedrock:*","Resource":"*"},
                 {"Sid":"BrokerRevokedBeforeX","Effect":"Deny","Action":"*","Resource":"*",
                  "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-25T11:00:00Z"},
                               "StringLike":{"aws:SourceIdentity":"alice*"}}}]}""";

        RevocationPolicy policy = RevocationPolicy.parse(document).revoke(A, T3);

        JsonNode statements = JSON.readTree(policy.render(10_000).orElseThrow()).get("Statement");
        assertThat(statements.findValuesAsText("Sid")).containsExactly("HandWritten", "BrokerRevokedBeforeX",
                "BrokerRevokedBefore20261125T120000Z");
        assertThat(policy.cutoffs()).containsOnlyKeys(A);
    }

    @Test
    void parse_ofSomethingThatIsNotJson_throws() {
        assertThatThrownBy(() -> RevocationPolicy.parse("%7B")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutoffAt_isTheNextWholeSecond() {
        assertThat(RevocationPolicy.cutoffAt(Instant.parse("2026-11-25T12:00:00.250Z"))).isEqualTo("2026-11-25T12:00:01Z");
        assertThat(RevocationPolicy.cutoffAt(Instant.parse("2026-11-25T12:00:00Z"))).isEqualTo("2026-11-25T12:00:01Z");
    }

    @Property
    void renderThenParse_givesTheSameCutoffs(@ForAll("entries") Map<String, Instant> entries) {
        RevocationPolicy policy = RevocationPolicy.empty();
        for (var e : entries.entrySet()) policy = policy.revoke(e.getKey(), e.getValue());

        assertThat(RevocationPolicy.parse(policy.render(1_000_000).orElseThrow()).cutoffs()).isEqualTo(entries);
    }

    @Property
    void theSourceIdentityPattern_matchesEverySessionOfThatPrincipalAndNoOther(
            @ForAll("subjects") String subject, @ForAll("subjects") String other, @ForAll("subjects") String userName) {
        String pattern = "*-" + Principals.principal(subject).hash();

        String own = StsSessionIdentity.of(Principals.person(subject, userName, "", List.of())).sourceIdentity();
        String theirs = StsSessionIdentity.of(Principals.person(other, userName, "", List.of())).sourceIdentity();

        assertThat(own).matches(glob(pattern));
        if (!other.equals(subject)) assertThat(theirs).doesNotMatch(glob(pattern));
    }

    @Provide
    Arbitrary<Map<String, Instant>> entries() {
        Arbitrary<String> hashes = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz234567").ofLength(12);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 7200).map(s -> T1.plusSeconds(s));
        return Arbitraries.maps(hashes, times).ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80).filter(s -> !s.isBlank());
    }

    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Property(tries = 20)
    void render_withinAnyBudget_neverExceedsIt(@ForAll("entries") Map<String, Instant> entries,
                                              @ForAll @IntRange(min = 200, max = 3000) int budget) {
        RevocationPolicy policy = RevocationPolicy.empty();
        for (var e : entries.entrySet()) policy = policy.revoke(e.getKey(), e.getValue());

        policy.render(budget).ifPresent(document -> assertThat(document.length()).isLessThanOrEqualTo(budget));
    }
}
