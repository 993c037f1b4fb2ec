package broker.lambda.core.usage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Fakes of the attribution ports and a few owners. */
final class Owners {
    static final String ISSUER = "https://idp.example.com";
    static final String ROLE = "BedrockBrokerUserRole";
    static final String KEY_PATH = "/bedrock-broker/users/";
    static final UsagePrincipals PRINCIPALS = new UsagePrincipals(ROLE, KEY_PATH, Set.of("123456789012"));
    static final Owner ALICE = new Owner(ISSUER, "sub-alice", "alice", List.of("developers"), Owner.Kind.PERSON);
    static final Owner BOB = new Owner(ISSUER, "sub-bob", "bob", List.of("developers", "admins"), Owner.Kind.PERSON);
    static final Owner CI = new Owner("https://token.actions.githubusercontent.com", "repo:acme/app:ref:refs/heads/main",
            "acme/app", List.of(), Owner.Kind.WORKLOAD);

    final Map<String, Owner> sessions = new HashMap<>();
    final Map<String, Owner> keyUsers = new HashMap<>();
    final AtomicInteger sessionLookups = new AtomicInteger();
    final AtomicInteger keyLookups = new AtomicInteger();

    Owners session(String name, Owner owner) {
        sessions.put(name, owner);
        return this;
    }

    Owners keyUser(String name, Owner owner) {
        keyUsers.put(name, owner);
        return this;
    }

    static String sessionArn(String sessionName) {
        return "arn:aws:sts::123456789012:assumed-role/" + ROLE + "/" + sessionName;
    }

    static String keyUserArn(String userName) {
        return "arn:aws:iam::123456789012:user" + KEY_PATH + userName;
    }

    SessionOwners sessionOwners() {
        return names -> {
            sessionLookups.incrementAndGet();
            Map<String, Owner> found = new HashMap<>();
            names.forEach(n -> { if (sessions.containsKey(n)) found.put(n, sessions.get(n)); });
            return found;
        };
    }

    KeyOwners keyOwners() {
        return names -> {
            keyLookups.incrementAndGet();
            Map<String, Owner> found = new HashMap<>();
            names.forEach(n -> { if (keyUsers.containsKey(n)) found.put(n, keyUsers.get(n)); });
            return found;
        };
    }

    Attributor attributor() {
        return new Attributor(PRINCIPALS, sessionOwners(), keyOwners());
    }
}
