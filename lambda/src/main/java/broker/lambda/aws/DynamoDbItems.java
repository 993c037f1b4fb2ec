package broker.lambda.aws;

import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;
import static broker.lambda.core.state.StateTableLayout.SORT_KEY;

import broker.lambda.core.state.StateUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the adapters on the state table share: its {@code pk}/{@code sk} keys, attribute values, paged queries, and
 * BatchGetItem with the keys DynamoDB leaves unprocessed. Each adapter keeps its own way of turning SDK errors into
 * {@link StateUnavailableException} ({@link Calls}).
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

    /** Every page of a query, read strongly consistent. */
    static List<Map<String, AttributeValue>> query(DynamoDbClient dynamo, String what, QueryRequest first, Calls calls) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest request = first.toBuilder().consistentRead(true).build();
        while (true) {
            QueryRequest current = request;
            QueryResponse response = calls.call(what, () -> dynamo.query(current));
            items.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) return items;
            request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
    }

    /**
     * The items of {@code keys} that exist, read {@value #BATCH_GET_MAX} keys a call; unprocessed keys are asked again
     * after a growing pause, {@value #UNPROCESSED_ROUNDS} rounds at most.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, String what,
                                                      List<Map<String, AttributeValue>> keys, boolean consistentRead,
                                                      Calls calls) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX)))
                    .consistentRead(consistentRead ? Boolean.TRUE : null).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == UNPROCESSED_ROUNDS) throw new StateUnavailableException(what + ": keys left unprocessed", null);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = calls.call(what, () -> dynamo.batchGetItem(r -> r.requestItems(request)));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) pause(round);
            }
        }
        return found;
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
