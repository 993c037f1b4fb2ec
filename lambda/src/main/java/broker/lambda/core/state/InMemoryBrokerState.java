package broker.lambda.core.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Both state ports in memory, with the same rules as the real stores (cutoffs only move forward, one lease holder):
 * for SnapStart priming, which must not touch the real table, and for tests of the use cases. Lost when dropped.
 */
public final class InMemoryBrokerState implements RevocationStore, PersonDirectory {
    private final Map<String, PersonRecord> people = new HashMap<>();
    private final Map<String, String> emails = new HashMap<>();
    private final Map<String, SessionRecord> sessions = new HashMap<>();
    private final Map<String, Revocation> revocations = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();

    private record Lease(String owner, Instant until) {}

    @Override
    public synchronized void recordIssuance(PersonRecord person) {
        people.put(person.key(), person);
        String email = PersonRecord.normalizeEmail(person.email());
        if (!email.isEmpty()) emails.put(email, person.key());
    }

    @Override
    public synchronized void recordIssuance(PersonRecord person, SessionRecord session) {
        recordIssuance(person);
        recordSession(session);
    }

    @Override
    public synchronized void recordSession(SessionRecord session) {
        sessions.put(session.roleSessionName(), session);
    }

    @Override
    public synchronized Optional<PersonRecord> person(String key) {
        return Optional.ofNullable(people.get(key));
    }

    @Override
    public synchronized Optional<PersonRecord> personByEmail(String email) {
        String normalized = PersonRecord.normalizeEmail(email);
        return Optional.ofNullable(emails.get(normalized)).map(people::get)
                .filter(p -> PersonRecord.normalizeEmail(p.email()).equals(normalized));
    }

    @Override
    public synchronized Optional<SessionRecord> session(String roleSessionName) {
        return Optional.ofNullable(sessions.get(roleSessionName));
    }

    @Override
    public synchronized Map<String, SessionRecord> sessions(Set<String> roleSessionNames) {
        Map<String, SessionRecord> found = new HashMap<>();
        for (String name : roleSessionNames) if (sessions.containsKey(name)) found.put(name, sessions.get(name));
        return found;
    }

    @Override
    public synchronized Revocation record(Revocation revocation) {
        String key = switch (revocation) {
            case Revocation.OfPerson p -> "person#" + p.subjectHash();
            case Revocation.OfEveryone e -> "everyone";
        };
        Revocation stored = revocations.get(key);
        if (stored != null && !stored.cutoff().isBefore(revocation.cutoff())) return stored;
        revocations.put(key, revocation);
        return revocation;
    }

    @Override
    public synchronized List<Revocation> active(Instant now) {
        List<Revocation> active = new ArrayList<>();
        for (Revocation revocation : revocations.values()) if (revocation.activeAt(now)) active.add(revocation);
        return active;
    }

    @Override
    public synchronized boolean acquireLease(String name, String owner, Instant now, Instant until) {
        Lease lease = leases.get(name);
        if (lease != null && !lease.owner().equals(owner) && !lease.until().isBefore(now)) return false;
        leases.put(name, new Lease(owner, until));
        return true;
    }

    @Override
    public synchronized void releaseLease(String name, String owner) {
        Lease lease = leases.get(name);
        if (lease != null && lease.owner().equals(owner)) leases.remove(name);
    }
}
