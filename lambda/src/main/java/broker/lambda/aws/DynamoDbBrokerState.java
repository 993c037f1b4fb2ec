package broker.lambda.aws;

import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;
import static broker.lambda.core.state.StateTableLayout.SORT_KEY;
import static broker.lambda.core.state.StateTableLayout.TTL_ATTRIBUTE;
import static broker.lambda.aws.DynamoDbItems.UNPROCESSED_ROUNDS;
import static broker.lambda.aws.DynamoDbItems.key;
import static broker.lambda.aws.DynamoDbItems.n;
import static broker.lambda.aws.DynamoDbItems.pause;
import static broker.lambda.aws.DynamoDbItems.s;

import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.Revocation;
import broker.lambda.core.state.RevocationStore;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link RevocationStore} and {@link PersonDirectory} on one DynamoDB table ({@code pk}/{@code sk} strings, TTL on
 * {@code ttl}). Items:
 * <pre>
 * pk                     sk                 what
 * person#&lt;key&gt;          person             the person's last issuance (no TTL: "last seen" outlives sessions)
 * email#&lt;email&gt;         person             email → person key (the latest holder)
 * session#&lt;name&gt;        session            RoleSessionName → person, TTL a week past the session's end
 * revocation             person#&lt;hash&gt;     a person's cutoff, TTL 75 min past it
 * revocation             everyone           the break-glass cutoff, TTL 75 min past it
 * lease#&lt;name&gt;          lease              who renders the IAM policy right now
 * </pre>
 * Revocation cutoffs only move forward ({@code ConditionExpression cutoff < :new}) and the lease is taken with a
 * condition, so concurrent writers never lose each other's writes. Every read of revocations is strongly consistent.
 * SDK errors stop here: they become {@link StateUnavailableException} without item content.
 */
public final class DynamoDbBrokerState implements RevocationStore, PersonDirectory {
    static final String REVOCATION_PK = "revocation";
    static final String EVERYONE_SK = "everyone";

    private final StateTable table;

    /**
     * @param dynamo a client from {@link AwsClients#client}
     * @param table  the state table's name
     */
    public DynamoDbBrokerState(DynamoDbClient dynamo, String table) {
        this.table = new StateTable(dynamo, table, DynamoDbBrokerState::call);
    }

    // ---- people and sessions ----

    @Override
    public void recordIssuance(PersonRecord person) {
        batchPut("record issuance", personItems(person));
    }

    @Override
    public void recordIssuance(PersonRecord person, SessionRecord session) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(personItems(person));
        items.add(sessionItem(session));
        batchPut("record issuance", items);
    }

    @Override
    public void recordSession(SessionRecord session) {
        table.put("record session", r -> r.item(sessionItem(session)));
    }

    @Override
    public Optional<PersonRecord> person(String key) {
        return get("read person", "person#" + key, "person").map(DynamoDbBrokerState::personOf);
    }

    @Override
    public Optional<PersonRecord> personByEmail(String email) {
        String normalized = PersonRecord.normalizeEmail(email);
        if (normalized.isEmpty()) return Optional.empty();
        return get("read email", "email#" + normalized, "person").flatMap(item -> person(string(item, "personKey")))
                // The index entry may be newer than a person who since changed email: trust the person's own record.
                .filter(p -> PersonRecord.normalizeEmail(p.email()).equals(normalized));
    }

    @Override
    public Optional<SessionRecord> session(String roleSessionName) {
        return get("read session", "session#" + roleSessionName, "session").map(DynamoDbBrokerState::sessionOf);
    }

    @Override
    public Map<String, SessionRecord> sessions(Set<String> roleSessionNames) {
        Map<String, SessionRecord> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = roleSessionNames.stream().map(name -> key("session#" + name, "session"))
                .toList();
        table.batchGet("read sessions", keys, false).stream()
                .map(DynamoDbBrokerState::sessionOf).forEach(session -> found.put(session.roleSessionName(), session));
        return found;
    }

    // ---- revocations ----

    @Override
    public Revocation record(Revocation revocation) {
        Map<String, AttributeValue> key = revocationKey(revocation);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":cutoff", n(revocation.cutoff().toEpochMilli()));
        values.put(":by", s(revocation.revokedBy()));
        values.put(":ttl", n(revocation.retainUntil().getEpochSecond()));
        String set = "SET cutoff = :cutoff, revokedBy = :by, #ttl = :ttl";
        if (revocation instanceof Revocation.OfPerson p) {
            values.put(":person", s(p.personKey()));
            set += ", personKey = :person";
        }
        String update = set;
        try {
            table.update("record revocation", r -> r.key(key)
                    .updateExpression(update)
                    .conditionExpression("attribute_not_exists(cutoff) OR cutoff < :cutoff")
                    .expressionAttributeNames(Map.of("#ttl", TTL_ATTRIBUTE))
                    .expressionAttributeValues(values));
            return revocation;
        } catch (ConditionalCheckFailedException laterStored) {
            return table.get("read revocation", key)
                    .map(DynamoDbBrokerState::revocationOf)
                    .orElse(revocation);
        }
    }

    @Override
    public List<Revocation> active(Instant now) {
        List<Revocation> active = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.partition("read revocations", REVOCATION_PK)) {
            Revocation revocation = revocationOf(item);
            if (revocation.activeAt(now)) active.add(revocation);
        }
        return active;
    }

    @Override
    public boolean acquireLease(String name, String owner, Instant now, Instant until) {
        try {
            table.update("acquire lease", r -> r
                    .key(key("lease#" + name, "lease"))
                    .updateExpression("SET #owner = :owner, #until = :until, #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#owner) OR #owner = :owner OR #until < :now")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#until", "until", "#ttl", TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(until.toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":ttl", n(until.getEpochSecond() + 3600))));
            return true;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return false;
        }
    }

    @Override
    public void releaseLease(String name, String owner) {
        try {
            table.delete("release lease", r -> r
                    .key(key("lease#" + name, "lease"))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Expired and taken by someone else meanwhile: theirs now.
        }
    }

    // ---- items ----

    private static List<Map<String, AttributeValue>> personItems(PersonRecord person) {
        Map<String, AttributeValue> item = whoItem("person#" + person.key(), "person", person.subject(), person.issuer(),
                person.userName(), person.groups());
        item.put("email", s(person.email()));
        item.put("subjectHash", s(person.subjectHash()));
        item.put("lastKind", s(person.lastKind().name()));
        item.put("lastIssuedAt", s(person.lastIssuedAt().toString()));
        String email = PersonRecord.normalizeEmail(person.email());
        if (email.isEmpty()) return List.of(item);
        Map<String, AttributeValue> index = key("email#" + email, "person");
        index.put("personKey", s(person.key()));
        return List.of(item, index);
    }

    /** A new item with who a person or session record is about, as at the issuance: the same attributes in both. */
    private static Map<String, AttributeValue> whoItem(String pk, String sk, String subject, String issuer,
                                                       String userName, List<String> groups) {
        Map<String, AttributeValue> item = key(pk, sk);
        item.put("subject", s(subject));
        item.put("issuer", s(issuer));
        item.put("userName", s(userName));
        item.put("groups", list(groups));
        return item;
    }

    private static PersonRecord personOf(Map<String, AttributeValue> item) {
        return new PersonRecord(item.get(PARTITION_KEY).s().substring("person#".length()), string(item, "subject"),
                string(item, "issuer"), string(item, "userName"), string(item, "email"), strings(item.get("groups")),
                string(item, "subjectHash"), IssuanceKind.valueOf(string(item, "lastKind")), Instant.parse(string(item, "lastIssuedAt")));
    }

    private static Map<String, AttributeValue> sessionItem(SessionRecord session) {
        Map<String, AttributeValue> item = whoItem("session#" + session.roleSessionName(), "session", session.subject(),
                session.issuer(), session.userName(), session.groups());
        item.put("personKey", s(session.personKey()));
        item.put("issuedAt", s(session.issuedAt().toString()));
        item.put("expiresAt", s(session.expiresAt().toString()));
        item.put(TTL_ATTRIBUTE, n(session.retainUntil().getEpochSecond()));
        return item;
    }

    private static SessionRecord sessionOf(Map<String, AttributeValue> item) {
        return new SessionRecord(item.get(PARTITION_KEY).s().substring("session#".length()), string(item, "personKey"),
                string(item, "subject"), string(item, "issuer"), string(item, "userName"), strings(item.get("groups")),
                Instant.parse(string(item, "issuedAt")), Instant.parse(string(item, "expiresAt")));
    }

    private static Map<String, AttributeValue> revocationKey(Revocation revocation) {
        return switch (revocation) {
            case Revocation.OfPerson p -> key(REVOCATION_PK, "person#" + p.subjectHash());
            case Revocation.OfEveryone e -> key(REVOCATION_PK, EVERYONE_SK);
        };
    }

    private static Revocation revocationOf(Map<String, AttributeValue> item) {
        String sk = item.get(SORT_KEY).s();
        Instant cutoff = Instant.ofEpochMilli(Long.parseLong(item.get("cutoff").n()));
        if (sk.equals(EVERYONE_SK)) return new Revocation.OfEveryone(cutoff, string(item, "revokedBy"));
        return new Revocation.OfPerson(sk.substring("person#".length()), string(item, "personKey"), cutoff, string(item, "revokedBy"));
    }

    // ---- plumbing ----

    private Optional<Map<String, AttributeValue>> get(String what, String pk, String sk) {
        return table.get(what, key(pk, sk));
    }

    private void batchPut(String what, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> pending = items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == UNPROCESSED_ROUNDS) throw new StateUnavailableException(what + ": items left unprocessed", null);
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse response = call(what,
                    () -> table.dynamo().batchWriteItem(r -> r.requestItems(Map.of(table.name(), batch))));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table.name(), List.of())
                    : List.of();
            if (!pending.isEmpty()) pause(round);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException expected) {
            throw expected;
        } catch (SdkException e) {
            // The SDK message may quote the request; the class names the failure well enough for the log.
            throw new StateUnavailableException("dynamodb: " + what + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static List<String> strings(AttributeValue value) {
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }
}
