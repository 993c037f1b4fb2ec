package broker.lambda.aws;

import static broker.lambda.aws.DynamoDbItems.BATCH_GET_MAX;
import static broker.lambda.aws.DynamoDbItems.UNPROCESSED_ROUNDS;
import static broker.lambda.aws.DynamoDbItems.pause;
import static broker.lambda.aws.DynamoDbItems.s;
import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;

import broker.lambda.core.Require;
import broker.lambda.core.state.StateUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The broker's state table as an adapter calls it: the client, the table's name, and the adapter's way of turning SDK
 * errors into {@link StateUnavailableException} ({@code calls}, {@code what} naming the call). Every call names the
 * table itself, so an adapter's requests say only what they do.
 */
record StateTable(DynamoDbClient dynamo, String name, DynamoDbItems.Calls calls) {
    StateTable {
        Require.nonNull("dynamo name calls", dynamo, name, calls);
    }

    /** PutItem, {@code request} giving the item and any condition. */
    void put(String what, Consumer<PutItemRequest.Builder> request) {
        calls.call(what, () -> dynamo.putItem(r -> request.accept(r.tableName(name))));
    }

    /** UpdateItem, {@code request} giving the key, the update and any condition. */
    void update(String what, Consumer<UpdateItemRequest.Builder> request) {
        calls.call(what, () -> dynamo.updateItem(r -> request.accept(r.tableName(name))));
    }

    /** DeleteItem, {@code request} giving the key and any condition. */
    void delete(String what, Consumer<DeleteItemRequest.Builder> request) {
        calls.call(what, () -> dynamo.deleteItem(r -> request.accept(r.tableName(name))));
    }

    /** The item of {@code key}, read strongly consistent, or empty when there is none. */
    Optional<Map<String, AttributeValue>> get(String what, Map<String, AttributeValue> key) {
        var response = calls.call(what, () -> dynamo.getItem(r -> r.tableName(name).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** Every item of the partition {@code pk}, read strongly consistent. */
    List<Map<String, AttributeValue>> partition(String what, String pk) {
        return query(what, QueryRequest.builder()
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", s(pk)))
                .build());
    }

    /** Every page of a query of this table, read strongly consistent. */
    List<Map<String, AttributeValue>> query(String what, QueryRequest first) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest request = first.toBuilder().tableName(name).consistentRead(true).build();
        while (true) {
            QueryRequest current = request;
            QueryResponse response = calls.call(what, () -> dynamo.query(current));
            items.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) return items;
            request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
    }

    /**
     * The items of {@code keys} that exist, read {@value DynamoDbItems#BATCH_GET_MAX} keys a call; unprocessed keys are
     * asked again after a growing pause, {@value DynamoDbItems#UNPROCESSED_ROUNDS} rounds at most.
     */
    List<Map<String, AttributeValue>> batchGet(String what, List<Map<String, AttributeValue>> keys,
                                               boolean consistentRead) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
            Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX)))
                    .consistentRead(consistentRead ? Boolean.TRUE : null).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == UNPROCESSED_ROUNDS) throw new StateUnavailableException(what + ": keys left unprocessed", null);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = calls.call(what, () -> dynamo.batchGetItem(r -> r.requestItems(request)));
                found.addAll(response.responses().getOrDefault(name, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) pause(round);
            }
        }
        return found;
    }
}
