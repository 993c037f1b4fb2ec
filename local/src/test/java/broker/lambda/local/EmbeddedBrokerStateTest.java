package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.testing.Principals;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.Revocation;
import broker.lambda.testing.BrokerStateContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerStateTest extends BrokerStateContract {
    @TempDir
    Path dir;

    private EmbeddedStateStore store;

    @Override
    @SuppressWarnings("unchecked")
    protected EmbeddedBrokerState state() {
        if (store == null) store = EmbeddedStateStore.open(dir.resolve("state"));
        return new EmbeddedBrokerState(store);
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void reopen_afterClose_losesNothing() {
        var state = state();
        PersonRecord alice = alice(IssuanceKind.CREDENTIALS, T0);
        state.recordIssuance(alice, session(alice, "alice-abcdefghijkl", T0));
        Revocation revocation = state.record(new Revocation.OfPerson("abcdefghijkl", Principals.principal("sub-alice").key(), T0, "sub-admin"));
        store.close();

        store = EmbeddedStateStore.open(dir.resolve("state"));
        var reopened = new EmbeddedBrokerState(store);

        assertThat(reopened.person(Principals.principal("sub-alice").key())).contains(alice);
        assertThat(reopened.personByEmail("alice@example.com")).contains(alice);
        assertThat(reopened.session("alice-abcdefghijkl")).contains(session(alice, "alice-abcdefghijkl", T0));
        assertThat(reopened.active(T0)).containsExactly(revocation);
    }

    @Test
    void open_whileAnotherBrokerHoldsTheDirectory_fails() {
        state();

        assertThatThrownBy(() -> EmbeddedStateStore.open(dir.resolve("state"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void open_createsTheDirectoryForTheOwnerOnly() throws Exception {
        state();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state")))).isEqualTo("rwx------");
    }
}
