package broker.lambda.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyReconciliationTest {
    static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
    static final String PATH = "/bedrock-broker/users/";
    static final Duration INACTIVE = Duration.ofDays(90);

    private final MemoryKeyUsers iam = new MemoryKeyUsers();
    private final InMemoryBrokerState people = new InMemoryBrokerState();
    private final List<ReconcileAction> actions = new ArrayList<>();
    private final List<ReconcileReport> reports = new ArrayList<>();

    @Test
    void run_personNotSeenForLongerThanTheLimit_deactivatesTheirActiveKeysAndDeletesNothing() {
        seen("alice", NOW.minus(Duration.ofDays(91)));
        iam.user("alice", PATH, "alice").key("alice", "KEY1", days(100), NOW.plus(Duration.ofDays(200)), ApiKeyStatus.ACTIVE)
                .key("alice", "KEY2", days(95), null, ApiKeyStatus.ACTIVE);

        ReconcileReport report = done(run());

        assertThat(iam.keyOf("alice", "KEY1").status()).isEqualTo(ApiKeyStatus.INACTIVE);
        assertThat(iam.keyOf("alice", "KEY2").status()).isEqualTo(ApiKeyStatus.INACTIVE);
        assertThat(iam.users).containsKey("alice");
        assertThat(report.keysDeactivated()).isEqualTo(2);
        assertThat(actions).containsExactly(
                new ReconcileAction.KeyDeactivated("alice", key("alice"), "KEY1", NOW.minus(Duration.ofDays(91))),
                new ReconcileAction.KeyDeactivated("alice", key("alice"), "KEY2", NOW.minus(Duration.ofDays(91))));
        assertThat(iam.calls).noneMatch(c -> c.startsWith("DeleteUser"));
    }

    @Test
    void run_personSeenWithinTheLimit_keepsTheirKeysActive() {
        seen("alice", NOW.minus(Duration.ofDays(89)));
        iam.user("alice", PATH, "alice").key("alice", "KEY1", days(300), null, ApiKeyStatus.ACTIVE);

        ReconcileReport report = done(run());

        assertThat(iam.keyOf("alice", "KEY1").status()).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(report.keysDeactivated()).isZero();
        assertThat(actions).isEmpty();
    }

    @Test
    void run_personTheStoreNeverSaw_isSeenAtTheirNewestKeysCreation() {
        iam.user("bob", PATH, "bob").key("bob", "OLD", days(200), null, ApiKeyStatus.ACTIVE)
                .key("bob", "NEW", days(10), null, ApiKeyStatus.ACTIVE);
        iam.user("carol", PATH, "carol").key("carol", "C1", days(91), null, ApiKeyStatus.ACTIVE);

        done(run());

        assertThat(iam.keyOf("bob", "OLD").status()).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(iam.keyOf("carol", "C1").status()).isEqualTo(ApiKeyStatus.INACTIVE);
    }

    @Test
    void run_inactiveAndExpiredKeys_areNotTouched() {
        seen("alice", days(400));
        iam.user("alice", PATH, "alice").key("alice", "OFF", days(500), null, ApiKeyStatus.INACTIVE)
                .key("alice", "GONE", days(500), days(135), ApiKeyStatus.EXPIRED)
                .key("alice", "LATE", days(500), days(1), ApiKeyStatus.ACTIVE);

        done(run());

        assertThat(iam.calls).noneMatch(c -> c.startsWith("UpdateServiceSpecificCredential"));
    }

    @Test
    void run_keylessUser_isDeletedAndReported() {
        seen("dave", days(3));
        iam.user("dave", PATH, "dave");

        ReconcileReport report = done(run());

        assertThat(iam.users).doesNotContainKey("dave");
        assertThat(report.usersDeleted()).isEqualTo(1);
        assertThat(actions).containsExactly(new ReconcileAction.UserDeleted("dave", key("dave")));
    }

    @Test
    void run_keylessUserWhoseOwnerWasSeenWithinTheHour_isKept() {
        seen("erin", NOW.minus(Duration.ofMinutes(20)));
        iam.user("erin", PATH, "erin");

        ReconcileReport report = done(run());

        assertThat(iam.users).containsKey("erin");
        assertThat(report.usersKept()).isEqualTo(1);
        assertThat(actions).containsExactly(new ReconcileAction.UserKept("erin", key("erin"), "recently-seen"));
    }

    @Test
    void run_keylessUserWhoseLaterCandidateNameIsTaken_isKeptSoLookupsStillReachThatUser() {
        // "Frank" and "frank" want the same IAM name (IAM ignores case): the second got "frank-2".
        iam.user("frank", PATH, "frank");
        iam.user("frank-2", PATH, "Frank").key("frank-2", "F2", days(5), null, ApiKeyStatus.ACTIVE);

        done(run());

        assertThat(iam.users).containsKeys("frank", "frank-2");
        assertThat(actions).containsExactly(new ReconcileAction.UserKept("frank", key("frank"), "later-name-taken"));
    }

    @Test
    void run_usersWithoutTheOwnerTagOrOnADeeperPath_areNeverTouched() {
        iam.user("someone-elses", PATH, null);
        iam.user("deeper", PATH + "other/", "deeper").key("deeper", "D1", days(500), null, ApiKeyStatus.ACTIVE);

        ReconcileReport report = done(run());

        assertThat(iam.users).containsKeys("someone-elses", "deeper");
        assertThat(iam.keyOf("deeper", "D1").status()).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(report.users()).isZero();
        assertThat(actions).isEmpty();
    }

    @Test
    void run_hashedOwnerTag_keylessUserIsKeptAndOldKeysStillDeactivated() {
        String hashed = IamUserNames.ownerTag("x".repeat(300));
        iam.user("user-aaaaaaaaaaaa", PATH, hashed);
        iam.user("user-bbbbbbbbbbbb", PATH, hashed).key("user-bbbbbbbbbbbb", "H1", days(100), null, ApiKeyStatus.ACTIVE);

        done(run());

        assertThat(iam.users).containsKey("user-aaaaaaaaaaaa");
        assertThat(actions).containsExactlyInAnyOrder(
                new ReconcileAction.UserKept("user-aaaaaaaaaaaa", null, "unknown-owner"),
                new ReconcileAction.KeyDeactivated("user-bbbbbbbbbbbb", null, "H1", days(100)));
    }

    /** An Auth0 subject holds {@code |}, so its subject tag is hashed: the exact owner tags still name the person. */
    @Test
    void run_auth0PersonSeenRecently_isFoundByTheExactOwnerTagsAndKeepsTheirKeys() {
        String subject = "auth0|5f7c8ec7c33c6c004bbafe82";
        String name = IamUserNames.candidates(subject).getFirst();
        seen(subject, days(3));
        iam.taggedUser(name, PATH, ownerTags(Principals.principal(subject))).key(name, "A1", days(200), null, ApiKeyStatus.ACTIVE);

        done(run());

        assertThat(iam.keyOf(name, "A1").status()).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(actions).isEmpty();
    }

    @Test
    void run_auth0PersonNotSeen_hasKeysDeactivatedUnderTheirPrincipalKeyAndTheirKeylessUserDeleted() {
        String subject = "auth0|5f7c8ec7c33c6c004bbafe82";
        String name = IamUserNames.candidates(subject).getFirst();
        seen(subject, days(100));
        iam.taggedUser(name, PATH, ownerTags(Principals.principal(subject))).key(name, "A1", days(200), null, ApiKeyStatus.ACTIVE);
        String other = "google-oauth2|1234";
        String otherName = IamUserNames.candidates(other).getFirst();
        iam.taggedUser(otherName, PATH, ownerTags(Principals.principal(other)));

        done(run());

        assertThat(actions).containsExactlyInAnyOrder(
                new ReconcileAction.KeyDeactivated(name, key(subject), "A1", days(100)),
                new ReconcileAction.UserDeleted(otherName, key(other)));
    }

    @Test
    void run_reportsTheAccountsIamUsersAgainstTheQuota() {
        iam.accountUsers = 4100;

        ReconcileReport report = done(run());

        assertThat(report.quota()).isEqualTo(new UserQuota(4100, 5000));
        assertThat(report.quota().percentUsed()).isEqualTo(82.0);
        assertThat(reports).containsExactly(report);
    }

    @Test
    void run_usersCannotBeListed_stopsWithoutChangingAnything() {
        iam.user("alice", PATH, "alice").key("alice", "KEY1", days(300), null, ApiKeyStatus.ACTIVE);
        iam.failing.put("ListUsers", new IamResult.Refused<>("AccessDenied"));

        ReconcileResult result = run();

        assertThat(result).isEqualTo(new ReconcileResult.Stopped("ListUsers refused:AccessDenied",
                new ReconcileReport(0, 0, 0, 0, 0, null)));
        assertThat(iam.keyOf("alice", "KEY1").status()).isEqualTo(ApiKeyStatus.ACTIVE);
    }

    @Test
    void run_oneDeactivationFails_reportsItAndGoesOnWithTheOthers() {
        iam.user("alice", PATH, "alice").key("alice", "A1", days(300), null, ApiKeyStatus.ACTIVE);
        iam.user("bob", PATH, "bob").key("bob", "B1", days(300), null, ApiKeyStatus.ACTIVE);
        iam.failing.put("UpdateServiceSpecificCredential:alice", new IamResult.Throttled<>(Duration.ofSeconds(3)));

        ReconcileReport report = done(run());

        assertThat(report.failures()).isEqualTo(1);
        assertThat(iam.keyOf("bob", "B1").status()).isEqualTo(ApiKeyStatus.INACTIVE);
        assertThat(actions).contains(new ReconcileAction.Failed("alice", "UpdateServiceSpecificCredential", "throttled"));
    }

    @Test
    void run_stateStoreUnavailable_stopsBeforeDecidingThatAnyoneWasNotSeen() {
        iam.user("alice", PATH, "alice").key("alice", "A1", days(300), null, ApiKeyStatus.ACTIVE);

        ReconcileResult result = new KeyReconciliation(iam, iam, unavailable(), PATH, INACTIVE, events(),
                Clock.fixed(NOW, ZoneOffset.UTC), Principals.ISSUER).run();

        assertThat(result).isInstanceOf(ReconcileResult.Stopped.class);
        assertThat(((ReconcileResult.Stopped) result).reason()).startsWith("state store:");
        assertThat(iam.keyOf("alice", "A1").status()).isEqualTo(ApiKeyStatus.ACTIVE);
    }

    @Test
    void run_deleteRefusedBecauseSomethingWasAttachedMeanwhile_keepsTheUser() {
        iam.user("gina", PATH, "gina");
        iam.failing.put("DeleteUser:gina", new IamResult.Refused<>("DeleteConflict"));

        ReconcileReport report = done(run());

        assertThat(report.failures()).isZero();
        assertThat(actions).containsExactly(new ReconcileAction.UserKept("gina", key("gina"), "in-use"));
    }

    private ReconcileResult run() {
        return new KeyReconciliation(iam, iam, people, PATH, INACTIVE, events(), Clock.fixed(NOW, ZoneOffset.UTC), Principals.ISSUER).run();
    }

    private ReconcileEvents events() {
        return new ReconcileEvents() {
            @Override public void acted(ReconcileAction action) { actions.add(action); }
            @Override public void finished(ReconcileReport report) { reports.add(report); }
        };
    }

    private static ReconcileReport done(ReconcileResult result) {
        assertThat(result).isInstanceOf(ReconcileResult.Done.class);
        return ((ReconcileResult.Done) result).report();
    }

    /** The owner key of the person with this subject at the deployment's (legacy) issuer. */
    private static String key(String subject) {
        return Principals.principal(subject).key();
    }

    /** The owner tags {@code ApiKeysService} writes on a key user. */
    private static Map<String, String> ownerTags(PrincipalId principal) {
        Map<String, String> tags = new java.util.LinkedHashMap<>(IamUserNames.exactOwnerTags(principal).orElseThrow());
        tags.put(IamUserNames.TAG_PRINCIPAL, IamUserNames.principalTag(principal));
        tags.put(IamUserNames.TAG_ISSUER, IamUserNames.displayTag(principal.issuer()));
        tags.put(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(principal.subject()));
        return tags;
    }

    private void seen(String subject, Instant at) {
        people.recordIssuance(PersonRecord.of(Principals.person(subject, subject, "", List.of("developers")),
                IssuanceKind.CREDENTIALS, at));
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private static PersonDirectory unavailable() {
        return new PersonDirectory() {
            @Override public void recordIssuance(PersonRecord person) { throw down(); }
            @Override public void recordIssuance(PersonRecord person, SessionRecord session) { throw down(); }
            @Override public void recordSession(SessionRecord session) { throw down(); }
            @Override public Optional<PersonRecord> person(String key) { throw down(); }
            @Override public Optional<PersonRecord> personByEmail(String email) { throw down(); }
            @Override public Optional<SessionRecord> session(String roleSessionName) { throw down(); }
            @Override public Map<String, SessionRecord> sessions(Set<String> roleSessionNames) { throw down(); }
        };
    }

    private static StateUnavailableException down() {
        return new StateUnavailableException("DynamoDB unreachable", null);
    }
}
