package broker.lambda.core.revocation;

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
 * those people lose sessions issued between the two times too, which errs on the safe side. Statements the
 * broker did not write are kept as they are.
 */
public final class RevocationPolicy {
    /** Every statement the broker writes has a Sid with this prefix, followed by its cutoff. */
    static final String SID_PREFIX = "BrokerRevokedBefore";
    static final String SOURCE_IDENTITY = "aws:SourceIdentity";
    static final String TOKEN_ISSUE_TIME = "aws:TokenIssueTime";
    private static final Pattern PATTERN = Pattern.compile("\\*-([a-z2-7]{12})");
    private static final DateTimeFormatter SID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Instant> cutoffs;
    private final List<JsonNode> foreign;

    private RevocationPolicy(Map<String, Instant> cutoffs, List<JsonNode> foreign) {
        this.cutoffs = Map.copyOf(cutoffs);
        this.foreign = List.copyOf(foreign);
    }

    /** No revocations. */
    public static RevocationPolicy empty() {
        return new RevocationPolicy(Map.of(), List.of());
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
        List<JsonNode> foreign = new ArrayList<>();
        JsonNode statements = root.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (statement.isMissingNode()) continue;
            Optional<Entry> entry = entry(statement);
            if (entry.isEmpty()) {
                foreign.add(statement);
                continue;
            }
            for (String hash : entry.get().hashes()) cutoffs.merge(hash, entry.get().cutoff(), RevocationPolicy::later);
        }
        return new RevocationPolicy(cutoffs, foreign);
    }

    /** The cutoff per subject hash. */
    public Map<String, Instant> cutoffs() {
        return cutoffs;
    }

    /** This policy with the person's sessions issued before {@code cutoff} denied (an earlier cutoff is moved up). */
    public RevocationPolicy revoke(String subjectHash, Instant cutoff) {
        Map<String, Instant> next = new HashMap<>(cutoffs);
        next.merge(subjectHash, cutoff, RevocationPolicy::later);
        return new RevocationPolicy(next, foreign);
    }

    /** This policy without entries whose cutoff is before {@code now - retention}: no session they deny still lives. */
    public RevocationPolicy withoutExpired(Instant now, Duration retention) {
        Instant horizon = now.minus(retention);
        Map<String, Instant> next = new HashMap<>();
        cutoffs.forEach((hash, cutoff) -> {
            if (!cutoff.isBefore(horizon)) next.put(hash, cutoff);
        });
        return new RevocationPolicy(next, foreign);
    }

    /** The oldest cutoff, if any: when it expires, room is made. */
    public Optional<Instant> oldestCutoff() {
        return cutoffs.values().stream().min(Instant::compareTo);
    }

    /**
     * The minified document within {@code maxChars}, folding old cutoffs into newer ones as needed; empty when
     * even a single statement with every person does not fit.
     */
    public Optional<String> render(int maxChars) {
        TreeMap<Instant, TreeSet<String>> groups = new TreeMap<>();
        cutoffs.forEach((hash, cutoff) -> groups.computeIfAbsent(cutoff, c -> new TreeSet<>()).add(hash));
        while (true) {
            String document = write(groups);
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

    private String write(TreeMap<Instant, TreeSet<String>> groups) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", "2012-10-17");
        ArrayNode statements = root.putArray("Statement");
        foreign.forEach(statements::add);
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
