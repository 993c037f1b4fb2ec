package broker.lambda.core.state;

/**
 * The key and TTL attribute names of the broker's state table, shared by the stack that creates it and the adapter
 * that writes it (a contract: changing one breaks the deployed table). One table holds every kind of item, told apart
 * by the partition key's prefix ({@code person#}, {@code email#}, {@code session#}, {@code revocation},
 * {@code lease#}; the usage ledger adds its own prefixes).
 */
public final class StateTableLayout {
    /** String partition key. */
    public static final String PARTITION_KEY = "pk";
    /** String sort key. */
    public static final String SORT_KEY = "sk";
    /** Number, epoch seconds: DynamoDB deletes the item some time after this (TTL is lazy: readers filter too). */
    public static final String TTL_ATTRIBUTE = "ttl";

    private StateTableLayout() {
    }
}
