package broker.lambda.core.revocation;

import broker.lambda.core.state.Revocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The deny policy the broker keeps on the Bedrock user role to revoke STS sessions: per revoked person, the
 * time before which their sessions were issued. STS credentials cannot be revoked one by one, but a role's
 * policy applies to every live session of it, so a statement
 * <pre>{"Effect":"Deny","Action":"*","Resource":"*","Condition":{
 *   "DateLessThan":{"aws:TokenIssueTime":"2026-11-25T12:00:01Z"},
 *   "StringLike":{"aws:SourceIdentity":["*-k3j2h4g5f6d7", …]}}}</pre>
 * makes those sessions (and short-term API keys signed with them) useless. A person is matched by the
 * subject hash that ends every SourceIdentity the broker sets for them, whatever their user name was.
 *
 * <p>One statement per cutoff time holds every person revoked at that second. An entry whose cutoff is older
 * than the longest session (plus a margin for clock skew) denies nothing that still exists and is dropped.
 * When the document would still exceed its size budget, the oldest cutoff is folded into the next one:
 * those people lose sessions issued between the two times too, which errs on the safe side. When even one statement
 * cannot hold everyone, the oldest people are folded into a break-glass cut-off: every session of the role issued
 * before their (latest) cutoff is denied, whoever holds it,
 * <pre>{"Sid":"BrokerRevokedAllBefore20261125T120001Z","Effect":"Deny","Action":"*","Resource":"*",
 *  "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-25T12:00:01Z"}}}</pre>
 * which is also what {@code POST /v1/admin/revoke-all-sessions} writes. The document therefore always fits.
 * Statements the broker did not write are kept as they are.
 */
public final class RevocationPolicy {
    /** Every statement the broker writes has a Sid with this prefix, followed by its cutoff. */
    static final String SID_PREFIX = "BrokerRevokedBefore";
    /** The Sid prefix of the break-glass statement (no SourceIdentity condition), followed by its cutoff. */
    static final String EVERYONE_SID_PREFIX = "BrokerRevokedAllBefore";
    static final String SOURCE_IDENTITY = "aws:SourceIdentity";
    static final String TOKEN_ISSUE_TIME = "aws:TokenIssueTime";
    private static final Pattern PATTERN = Pattern.compile("\\*-([a-z2-7]{12})");
    private static final DateTimeFormatter SID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Instant> cutoffs;
    /** The break-glass cutoff, or null. */
    private final Instant everyone;
    private final List<JsonNode> foreign;

    private RevocationPolicy(Map<String, Instant> cutoffs, Instant everyone, List<JsonNode> foreign) {
        this.cutoffs = Map.copyOf(cutoffs);
        this.everyone = everyone;
        this.foreign = List.copyOf(foreign);
    }

    /** No revocations. */
    public static RevocationPolicy empty() {
        return new RevocationPolicy(Map.of(), null, List.of());
    }

    /** Reads a document this class wrote (and whatever else someone added to it); throws when it is not JSON. */
    public static RevocationPolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("revocation policy is not JSON", e);
        }
        Map<String, Instant> cutoffs = new HashMap<>();
        Instant everyone = null;
        List<JsonNode> foreign = new ArrayList<>();
        JsonNode statements = root.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (statement.isMissingNode()) continue;
            Optional<Instant> all = everyoneEntry(statement);
            if (all.isPresent()) {
                everyone = everyone == null ? all.get() : later(everyone, all.get());
                continue;
            }
            Optional<Entry> entry = entry(statement);
            if (entry.isEmpty()) {
                foreign.add(statement);
                continue;
            }
            for (String hash : entry.get().hashes()) cutoffs.merge(hash, entry.get().cutoff(), RevocationPolicy::later);
        }
        return new RevocationPolicy(cutoffs, everyone, foreign);
    }

    /** The cutoff per subject hash. */
    public Map<String, Instant> cutoffs() {
        return cutoffs;
    }

    /** The break-glass cutoff: every session of the role issued before it is denied. */
    public Optional<Instant> everyoneBefore() {
        return Optional.ofNullable(everyone);
    }

    /** This policy with the person's sessions issued before {@code cutoff} denied (an earlier cutoff is moved up). */
    public RevocationPolicy revoke(String subjectHash, Instant cutoff) {
        Map<String, Instant> next = new HashMap<>(cutoffs);
        next.merge(subjectHash, cutoff, RevocationPolicy::later);
        return new RevocationPolicy(next, everyone, foreign);
    }

    /** This policy with every session issued before {@code cutoff} denied, whoever holds it (break-glass). */
    public RevocationPolicy revokeEveryone(Instant cutoff) {
        return new RevocationPolicy(cutoffs, everyone == null ? cutoff : later(everyone, cutoff), foreign);
    }

    /**
     * True when this policy denies the sessions of the person with {@code subjectHash} issued before {@code cutoff}:
     * their own cutoff or the break-glass one is at least as late.
     */
    public boolean denies(String subjectHash, Instant cutoff) {
        Instant own = cutoffs.get(subjectHash);
        return (own != null && !own.isBefore(cutoff)) || deniesEveryone(cutoff);
    }

    /** True when every session issued before {@code cutoff} is denied. */
    public boolean deniesEveryone(Instant cutoff) {
        return everyone != null && !everyone.isBefore(cutoff);
    }

    /** This policy without entries whose cutoff is before {@code now - retention}: no session they deny still lives. */
    public RevocationPolicy withoutExpired(Instant now, Duration retention) {
        Instant horizon = now.minus(retention);
        Map<String, Instant> next = new HashMap<>();
        cutoffs.forEach((hash, cutoff) -> {
            if (!cutoff.isBefore(horizon)) next.put(hash, cutoff);
        });
        return new RevocationPolicy(next, everyone == null || everyone.isBefore(horizon) ? null : everyone, foreign);
    }

    /** This policy with these revocations added (each person's cutoff, and the break-glass one, only move forward). */
    public RevocationPolicy with(List<Revocation> revocations) {
        RevocationPolicy next = this;
        for (Revocation revocation : revocations) {
            next = switch (revocation) {
                case Revocation.OfPerson p -> next.revoke(p.subjectHash(), p.cutoff());
                case Revocation.OfEveryone e -> next.revokeEveryone(e.cutoff());
            };
        }
        return next;
    }

    /** True when this policy denies what {@code revocation} asks for. */
    public boolean denies(Revocation revocation) {
        return switch (revocation) {
            case Revocation.OfPerson p -> denies(p.subjectHash(), p.cutoff());
            case Revocation.OfEveryone e -> deniesEveryone(e.cutoff());
        };
    }

    /** The oldest cutoff, if any: when it expires, room is made. */
    public Optional<Instant> oldestCutoff() {
        return cutoffs.values().stream().min(Instant::compareTo);
    }

    /**
     * The minified document within {@code maxChars}: old cutoffs folded into newer ones as needed, and when even one
     * statement cannot hold everyone, the oldest people folded into the break-glass cutoff (just enough of them);
     * empty only when not even the break-glass statement and the foreign statements fit.
     */
    public Optional<String> render(int maxChars) {
        List<Map.Entry<String, Instant>> people = cutoffs.entrySet().stream()
                .filter(e -> everyone == null || e.getValue().isAfter(everyone))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        // Fold the fewest oldest people: more folded, shorter document, so a binary search over how many.
        if (fits(people, everyone, maxChars)) return merged(people, everyone, maxChars);
        if (people.isEmpty()) return Optional.empty();
        int low = 1;
        int high = people.size();
        if (!fits(List.of(), foldedCutoff(people, high), maxChars)) return Optional.empty();
        while (low < high) {
            int mid = (low + high) >>> 1;
            Instant cut = foldedCutoff(people, mid);
            if (fits(remaining(people, cut), cut, maxChars)) high = mid;
            else low = mid + 1;
        }
        Instant cut = foldedCutoff(people, low);
        return merged(remaining(people, cut), cut, maxChars);
    }

    /** The break-glass cutoff after folding the {@code count} oldest people into it. */
    private Instant foldedCutoff(List<Map.Entry<String, Instant>> people, int count) {
        Instant latest = people.get(count - 1).getValue();
        return everyone == null ? latest : later(everyone, latest);
    }

    private static List<Map.Entry<String, Instant>> remaining(List<Map.Entry<String, Instant>> people, Instant cut) {
        return people.stream().filter(e -> e.getValue().isAfter(cut)).toList();
    }

    /** True when these people fit with every cutoff merged into one statement (the shortest rendering of them). */
    private boolean fits(List<Map.Entry<String, Instant>> people, Instant all, int maxChars) {
        TreeMap<Instant, TreeSet<String>> one = new TreeMap<>();
        if (!people.isEmpty()) {
            TreeSet<String> hashes = new TreeSet<>();
            people.forEach(e -> hashes.add(e.getKey()));
            one.put(people.getLast().getValue(), hashes);
        }
        return write(one, all).length() <= maxChars;
    }

    /** One statement per cutoff, folding the oldest cutoff into the next one until the document fits. */
    private Optional<String> merged(List<Map.Entry<String, Instant>> people, Instant all, int maxChars) {
        TreeMap<Instant, TreeSet<String>> groups = new TreeMap<>();
        people.forEach(e -> groups.computeIfAbsent(e.getValue(), c -> new TreeSet<>()).add(e.getKey()));
        while (true) {
            String document = write(groups, all);
            if (document.length() <= maxChars) return Optional.of(document);
            if (groups.size() < 2) return Optional.empty();
            TreeSet<String> oldest = groups.pollFirstEntry().getValue();
            groups.firstEntry().getValue().addAll(oldest);
        }
    }

    /** The cutoff for a revocation at {@code now}: the next whole second, so nothing issued before now escapes. */
    public static Instant cutoffAt(Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        return second.plusSeconds(1);
    }

    private String write(TreeMap<Instant, TreeSet<String>> groups, Instant all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", "2012-10-17");
        ArrayNode statements = root.putArray("Statement");
        foreign.forEach(statements::add);
        if (all != null) {
            ObjectNode s = statements.addObject();
            s.put("Sid", EVERYONE_SID_PREFIX + SID_TIME.format(all));
            s.put("Effect", "Deny");
            s.put("Action", "*");
            s.put("Resource", "*");
            s.putObject("Condition").putObject("DateLessThan").put(TOKEN_ISSUE_TIME, all.toString());
        }
        groups.forEach((cutoff, hashes) -> {
            ObjectNode s = statements.addObject();
            s.put("Sid", SID_PREFIX + SID_TIME.format(cutoff));
            s.put("Effect", "Deny");
            s.put("Action", "*");
            s.put("Resource", "*");
            ObjectNode condition = s.putObject("Condition");
            condition.putObject("DateLessThan").put(TOKEN_ISSUE_TIME, cutoff.toString());
            ObjectNode like = condition.putObject("StringLike");
            if (hashes.size() == 1) {
                like.put(SOURCE_IDENTITY, "*-" + hashes.first());
            } else {
                ArrayNode patterns = like.putArray(SOURCE_IDENTITY);
                hashes.forEach(h -> patterns.add("*-" + h));
            }
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(Instant cutoff, List<String> hashes) {}

    /** The statement's cutoff when it is our break-glass statement. */
    private static Optional<Instant> everyoneEntry(JsonNode s) {
        if (!s.path("Sid").asText("").startsWith(EVERYONE_SID_PREFIX) || !"Deny".equals(s.path("Effect").asText())
                || !"*".equals(s.path("Action").asText()) || !"*".equals(s.path("Resource").asText())) {
            return Optional.empty();
        }
        JsonNode condition = s.path("Condition");
        JsonNode time = condition.path("DateLessThan").path(TOKEN_ISSUE_TIME);
        if (condition.size() != 1 || condition.path("DateLessThan").size() != 1 || !time.isTextual()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(time.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The statement as one of ours, or empty when it is someone else's (kept verbatim). */
    private static Optional<Entry> entry(JsonNode s) {
        if (!s.path("Sid").asText("").startsWith(SID_PREFIX) || !"Deny".equals(s.path("Effect").asText())) return Optional.empty();
        JsonNode condition = s.path("Condition");
        if (condition.size() != 2) return Optional.empty();
        JsonNode time = condition.path("DateLessThan").path(TOKEN_ISSUE_TIME);
        JsonNode like = condition.path("StringLike").path(SOURCE_IDENTITY);
        if (!time.isTextual() || condition.path("DateLessThan").size() != 1 || condition.path("StringLike").size() != 1) {
            return Optional.empty();
        }
        Instant cutoff;
        try {
            cutoff = Instant.parse(time.asText());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        List<String> hashes = new ArrayList<>();
        for (JsonNode pattern : like.isArray() ? like : List.of(like)) {
            var m = PATTERN.matcher(pattern.asText(""));
            if (!pattern.isTextual() || !m.matches()) return Optional.empty();
            hashes.add(m.group(1));
        }
        return hashes.isEmpty() ? Optional.empty() : Optional.of(new Entry(cutoff, hashes));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
