package broker.lambda.core.state;

import broker.lambda.testing.BrokerStateContract;

/** The in-memory store keeps the same rules as the real ones, so use-case tests on it mean something. */
class InMemoryBrokerStateTest extends BrokerStateContract {
    private InMemoryBrokerState state;

    @Override
    @SuppressWarnings("unchecked")
    protected InMemoryBrokerState state() {
        if (state == null) state = new InMemoryBrokerState();
        return state;
    }
}
