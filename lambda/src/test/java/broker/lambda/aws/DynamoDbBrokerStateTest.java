package broker.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.Revocation;
import broker.lambda.core.state.StateTableLayout;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.testing.BrokerStateContract;
import broker.lambda.testing.Dynalite;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB adapter against dynalite (a real DynamoDB-compatible server), through the real SDK client. */
class DynamoDbBrokerStateTest extends BrokerStateContract {
    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    private static DynamoDbClient client;
    private String table;

    @Override
    @SuppressWarnings("unchecked")
    protected DynamoDbBrokerState state() {
        if (client == null) client = DYNAMO.client();
        if (table == null) table = DYNAMO.createStateTable(client);
        return new DynamoDbBrokerState(client, table);
    }

    @AfterAll
    static void closeClient() {
        if (client != null) client.close();
    }

    @Test
    void record_writesTheTtlAttributeAsEpochSecondsPastTheRetention() {
        var state = state();
        state.record(new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0, "sub-admin"));

        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(Map.of(
                StateTableLayout.PARTITION_KEY, AttributeValue.fromS("revocation"),
                StateTableLayout.SORT_KEY, AttributeValue.fromS("person#abcdefghijkl")))).item();
        assertThat(item.get(StateTableLayout.TTL_ATTRIBUTE).n())
                .isEqualTo(Long.toString(T0.plus(Revocation.RETENTION).getEpochSecond()));
    }

    @Test
    void recordIssuance_withSession_writesTheSessionsTtlAWeekPastItsEnd() {
        var state = state();
        PersonRecord alice = alice(IssuanceKind.CREDENTIALS, T0);
        state.recordIssuance(alice, session(alice, "alice-abcdefghijkl", T0));

        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(Map.of(
                StateTableLayout.PARTITION_KEY, AttributeValue.fromS("session#alice-abcdefghijkl"),
                StateTableLayout.SORT_KEY, AttributeValue.fromS("session")))).item();
        assertThat(item.get(StateTableLayout.TTL_ATTRIBUTE).n())
                .isEqualTo(Long.toString(session(alice, "x", T0).retainUntil().getEpochSecond()));
        assertThat(item.get("groups").l()).extracting(AttributeValue::s).containsExactly("developers", "ml");
    }

    @Test
    void anyCall_whenTheTableDoesNotExist_throwsStateUnavailableWithoutItemContent() {
        state();
        var missing = new DynamoDbBrokerState(client, "no-such-table");

        assertThatThrownBy(() -> missing.recordIssuance(alice(IssuanceKind.CREDENTIALS, T0)))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageContaining("record issuance")
                .hasMessageNotContaining("alice");
    }
}
