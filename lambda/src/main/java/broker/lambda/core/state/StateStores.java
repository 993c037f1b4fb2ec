package broker.lambda.core.state;

import java.util.Objects;

/**
 * The broker's state as the composition roots hand it to the use cases: revocations and the directory of people and
 * sessions, usually one adapter implementing both (DynamoDB, the embedded store, memory).
 */
public record StateStores(RevocationStore revocations, PersonDirectory people) {
    public StateStores {
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(people, "people");
    }

    /** Both ports on one adapter. */
    public static <S extends RevocationStore & PersonDirectory> StateStores of(S store) {
        return new StateStores(store, store);
    }

    /** In memory: lost with the process (SnapStart priming, tests, a function without a table). */
    public static StateStores inMemory() {
        return of(new InMemoryBrokerState());
    }
}
