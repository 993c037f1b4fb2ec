package broker.lambda.local;

import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.Revocation;
import broker.lambda.core.state.RevocationStore;
import broker.lambda.core.state.SessionRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * {@link RevocationStore} and {@link PersonDirectory} in the local broker's {@link EmbeddedStateStore}: the same items
 * as the DynamoDB table (as JSON values under the same keys), the same rules (cutoffs only move forward, one lease
 * holder), and a commit after every write, so a restart loses nothing. Methods are synchronized: the store belongs to
 * one process (its file is locked) and these writes are rare next to reads of the maps.
 */
public final class EmbeddedBrokerState implements RevocationStore, PersonDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedStateStore store;
    private final MVMap<String, String> people;
    private final MVMap<String, String> emails;
    private final MVMap<String, String> sessions;
    private final MVMap<String, String> revocations;
    private final MVMap<String, String> leases;

    public EmbeddedBrokerState(EmbeddedStateStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.people = store.map("people");
        this.emails = store.map("emails");
        this.sessions = store.map("sessions");
        this.revocations = store.map("revocations");
        this.leases = store.map("leases");
    }

    @Override
    public synchronized void recordIssuance(PersonRecord person) {
        putPerson(person);
        store.commit();
    }

    @Override
    public synchronized void recordIssuance(PersonRecord person, SessionRecord session) {
        putPerson(person);
        sessions.put(session.roleSessionName(), write(sessionNode(session)));
        store.commit();
    }

    @Override
    public synchronized void recordSession(SessionRecord session) {
        sessions.put(session.roleSessionName(), write(sessionNode(session)));
        store.commit();
    }

    @Override
    public Optional<PersonRecord> person(String key) {
        return Optional.ofNullable(people.get(key)).map(value -> personOf(key, read(value)));
    }

    @Override
    public Optional<PersonRecord> personByEmail(String email) {
        String normalized = PersonRecord.normalizeEmail(email);
        if (normalized.isEmpty()) return Optional.empty();
        return Optional.ofNullable(emails.get(normalized)).flatMap(this::person)
                .filter(p -> PersonRecord.normalizeEmail(p.email()).equals(normalized));
    }

    @Override
    public Optional<SessionRecord> session(String roleSessionName) {
        return Optional.ofNullable(sessions.get(roleSessionName)).map(value -> sessionOf(roleSessionName, read(value)));
    }

    @Override
    public Map<String, SessionRecord> sessions(Set<String> roleSessionNames) {
        Map<String, SessionRecord> found = new HashMap<>();
        for (String name : roleSessionNames) session(name).ifPresent(s -> found.put(name, s));
        return found;
    }

    @Override
    public synchronized Revocation record(Revocation revocation) {
        String key = revocationKey(revocation);
        String stored = revocations.get(key);
        if (stored != null) {
            Revocation current = revocationOf(key, read(stored));
            if (!current.cutoff().isBefore(revocation.cutoff())) return current;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("cutoff", revocation.cutoff().toEpochMilli());
        node.put("revokedBy", revocation.revokedBy());
        if (revocation instanceof Revocation.OfPerson p) node.put("personKey", p.personKey());
        revocations.put(key, write(node));
        store.commit();
        return revocation;
    }

    @Override
    public synchronized List<Revocation> active(Instant now) {
        List<Revocation> active = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        revocations.forEach((key, value) -> {
            Revocation revocation = revocationOf(key, read(value));
            if (revocation.activeAt(now)) active.add(revocation);
            else expired.add(key);
        });
        // What DynamoDB's TTL does in AWS.
        if (!expired.isEmpty()) {
            expired.forEach(revocations::remove);
            store.commit();
        }
        return active;
    }

    @Override
    public synchronized boolean acquireLease(String name, String owner, Instant now, Instant until) {
        String stored = leases.get(name);
        if (stored != null) {
            JsonNode lease = read(stored);
            if (!lease.path("owner").asText().equals(owner) && lease.path("until").asLong() >= now.toEpochMilli()) {
                return false;
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("owner", owner);
        node.put("until", until.toEpochMilli());
        leases.put(name, write(node));
        store.commit();
        return true;
    }

    @Override
    public synchronized void releaseLease(String name, String owner) {
        String stored = leases.get(name);
        if (stored != null && read(stored).path("owner").asText().equals(owner)) {
            leases.remove(name);
            store.commit();
        }
    }

    private void putPerson(PersonRecord person) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", person.subject());
        node.put("issuer", person.issuer());
        node.put("userName", person.userName());
        node.put("email", person.email());
        person.groups().forEach(node.putArray("groups")::add);
        node.put("subjectHash", person.subjectHash());
        node.put("lastKind", person.lastKind().name());
        node.put("lastIssuedAt", person.lastIssuedAt().toString());
        people.put(person.key(), write(node));
        String email = PersonRecord.normalizeEmail(person.email());
        if (!email.isEmpty()) emails.put(email, person.key());
    }

    private static PersonRecord personOf(String key, JsonNode node) {
        return new PersonRecord(key, node.path("subject").asText(), node.path("issuer").asText(),
                node.path("userName").asText(), node.path("email").asText(), strings(node.path("groups")),
                node.path("subjectHash").asText(), IssuanceKind.valueOf(node.path("lastKind").asText()),
                Instant.parse(node.path("lastIssuedAt").asText()));
    }

    private static ObjectNode sessionNode(SessionRecord session) {
        ObjectNode node = JSON.createObjectNode();
        node.put("personKey", session.personKey());
        node.put("subject", session.subject());
        node.put("issuer", session.issuer());
        node.put("userName", session.userName());
        var groups = node.putArray("groups");
        session.groups().forEach(groups::add);
        node.put("issuedAt", session.issuedAt().toString());
        node.put("expiresAt", session.expiresAt().toString());
        return node;
    }

    private static SessionRecord sessionOf(String name, JsonNode node) {
        return new SessionRecord(name, node.path("personKey").asText(), node.path("subject").asText(),
                node.path("issuer").asText(), node.path("userName").asText(), strings(node.path("groups")),
                Instant.parse(node.path("issuedAt").asText()), Instant.parse(node.path("expiresAt").asText()));
    }

    private static String revocationKey(Revocation revocation) {
        return switch (revocation) {
            case Revocation.OfPerson p -> "person#" + p.subjectHash();
            case Revocation.OfEveryone e -> "everyone";
        };
    }

    private static Revocation revocationOf(String key, JsonNode node) {
        Instant cutoff = Instant.ofEpochMilli(node.path("cutoff").asLong());
        String by = node.path("revokedBy").asText();
        if (key.equals("everyone")) return new Revocation.OfEveryone(cutoff, by);
        return new Revocation.OfPerson(key.substring("person#".length()), node.path("personKey").asText(), cutoff, by);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state store holds a value this broker did not write", e);
        }
    }
}
