package broker.lambda.aws;

import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;
import static broker.lambda.core.state.StateTableLayout.SORT_KEY;

import broker.lambda.core.state.StateUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the adapters on the state table share besides its calls ({@link StateTable}): its {@code pk}/{@code sk} keys,
 * attribute values, and the pause before a batch call's unprocessed part. Each adapter keeps its own way of turning SDK
 * errors into {@link StateUnavailableException} ({@link Calls}).
 */
final class DynamoDbItems {
    /** BatchGetItem reads at most 100 keys per call. */
    static final int BATCH_GET_MAX = 100;
    /** Batch calls leave items unprocessed under throttling; the SDK's own retries cover the call, not those. */
    static final int UNPROCESSED_ROUNDS = 5;

    private DynamoDbItems() {
    }

    /** Runs one SDK call of an adapter, {@code what} naming it for the error. */
    interface Calls {
        <T> T call(String what, Supplier<T> call);
    }

    /** A new, modifiable item key. */
    static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PARTITION_KEY, s(pk));
        key.put(SORT_KEY, s(sk));
        return key;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The pause before asking again for what a batch call left unprocessed: 25 ms, doubling each round. */
    static void pause(int round) {
        try {
            Thread.sleep(25L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted", e);
        }
    }
}
