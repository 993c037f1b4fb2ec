package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributorTest {
    private final Owners owners = new Owners()
            .session("alice-abcdefghijkl", Owners.ALICE)
            .session("acme_app-bcdefghijklm", Owners.CI)
            .keyUser("bob", Owners.BOB);

    @Test
    void ownersOf_issuedSession_isThePersonItWasIssuedTo() {
        String arn = Owners.sessionArn("alice-abcdefghijkl");

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owners.ALICE);
    }

    @Test
    void ownersOf_workloadSession_isTheWorkload() {
        String arn = Owners.sessionArn("acme_app-bcdefghijklm");

        assertThat(owners.attributor().ownersOf(List.of(arn)).get(arn).kind()).isEqualTo(Owner.Kind.WORKLOAD);
    }

    @Test
    void ownersOf_longTermKeyUser_isTheOwnerOfTheUser() {
        String arn = Owners.keyUserArn("bob");

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owners.BOB);
    }

    @Test
    void ownersOf_sessionNameTheBrokerDidNotIssue_isUnattributed() {
        String arn = Owners.sessionArn("mallory-abcdefghijkl");

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owner.UNATTRIBUTED);
    }

    @Test
    void ownersOf_issuedSessionNameUnderAnotherRole_isUnattributed() {
        String arn = "arn:aws:sts::123456789012:assumed-role/OtherRole/alice-abcdefghijkl";

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owner.UNATTRIBUTED);
    }

    @Test
    void ownersOf_sameUserNameOutsideTheBrokersPath_isUnattributed() {
        String arn = "arn:aws:iam::123456789012:user/bob";

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owner.UNATTRIBUTED);
    }

    @Test
    void ownersOf_otherAccount_isUnattributed() {
        String arn = "arn:aws:sts::999999999999:assumed-role/" + Owners.ROLE + "/alice-abcdefghijkl";

        assertThat(owners.attributor().ownersOf(List.of(arn))).containsEntry(arn, Owner.UNATTRIBUTED);
    }

    @Test
    void ownersOf_rootOrFederatedOrGarbage_isUnattributed() {
        List<String> arns = List.of("arn:aws:iam::123456789012:root",
                "arn:aws:sts::123456789012:federated-user/alice", "arn:nonsense");

        assertThat(owners.attributor().ownersOf(arns).values()).containsOnly(Owner.UNATTRIBUTED).hasSize(3);
    }

    @Test
    void ownersOf_manyRecordsOfFewPrincipals_looksUpOncePerPort() {
        List<String> arns = List.of(Owners.sessionArn("alice-abcdefghijkl"), Owners.sessionArn("alice-abcdefghijkl"),
                Owners.keyUserArn("bob"), Owners.keyUserArn("bob"), Owners.sessionArn("acme_app-bcdefghijklm"));

        owners.attributor().ownersOf(arns);

        assertThat(owners.sessionLookups).hasValue(1);
        assertThat(owners.keyLookups).hasValue(1);
    }

    @Test
    void ownersOf_onlyStrangers_looksNothingUp() {
        owners.attributor().ownersOf(List.of("arn:aws:iam::123456789012:user/bob"));

        assertThat(owners.sessionLookups).hasValue(0);
        assertThat(owners.keyLookups).hasValue(0);
    }
}
