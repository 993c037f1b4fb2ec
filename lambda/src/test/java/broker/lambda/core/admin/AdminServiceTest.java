package broker.lambda.core.admin;

import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    final List<String> iamCalls = new ArrayList<>();
    final AdminService admin;
    final EntitlementsDocument document;
    final ApiKeysService keys;

    AdminServiceTest() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"]}},
                 "adminGroups":["bedrock-admins"]}""");
        // Every IAM call is recorded and answered "no such user".
        IamUsers iam = (IamUsers) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IamUsers.class}, (p, m, a) -> {
                    iamCalls.add(m.getName());
                    return new IamResult.NotFound<>();
                });
        RoleInlinePolicy role = new RoleInlinePolicy() {
            @Override public IamResult<String> read() {
                iamCalls.add("read");
                return written == null ? new IamResult.NotFound<>() : new IamResult.Done<>(written);
            }
            @Override public IamResult<Void> write(String d) { iamCalls.add("write"); written = d; return IamResult.done(); }
        };
        this.document = document;
        this.keys = new ApiKeysService(document, iam, new BedrockAccount("aws", "123456789012"),
                "/bedrock-broker/users/", "arn:aws:iam::123456789012:policy/b", CLOCK);
        admin = new AdminService(document, keys,
                new SessionRevoker(state, role, CLOCK, d -> { }, SessionRevoker.PublishBudget.DEFAULT), state);
        state.recordIssuance(PersonRecord.of(Principals.person("00u1abcd", "alice", "Alice@example.com", List.of("developers")),
                IssuanceKind.CREDENTIALS, CLOCK.instant()));
    }

    final InMemoryBrokerState state = new InMemoryBrokerState();
    String written;

    @Test
    void anyAction_byADeveloper_isRefusedWithoutTouchingIam() {
        Identity developer = Principals.person("00u2bob", "bob", "", List.of("developers"));

        assertThat(admin.listKeys(developer, "00u1abcd")).isEqualTo(new ApiKeyOutcome.NotAdmin());
        assertThat(admin.deleteKey(developer, "00u1abcd", "ACCAQFODXMPL4YFHP7DZE")).isEqualTo(new ApiKeyOutcome.NotAdmin());
        assertThat(admin.revokeSessions(developer, "00u1abcd")).isEqualTo(new ApiKeyOutcome.NotAdmin());
        assertThat(iamCalls).isEmpty();
    }

    @Test
    void revokeSessions_byAnAdminWithNoProfile_isAllowed() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.revokeSessions(root, "00u1abcd")).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        // ...and reads the policy back until IAM shows the deny.
        assertThat(iamCalls).containsExactly("read", "write", "read");
    }

    @Test
    void revokeSessions_namingAPersonByEmail_deniesTheirSourceIdentity() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.revokeSessions(root, "alice@EXAMPLE.com")).isEqualTo(new ApiKeyOutcome.SessionsRevoked(
                Instant.parse("2026-11-25T12:00:01Z"), "*-" + Principals.principal("00u1abcd").hash()));
    }

    @Test
    void revokeSessions_ofSomeoneTheBrokerNeverIssuedTo_isPersonNotFoundAndTouchesNoIam() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.revokeSessions(root, "00u9typo")).isEqualTo(new ApiKeyOutcome.PersonNotFound());
        assertThat(admin.revokeSessions(root, "nobody@example.com")).isEqualTo(new ApiKeyOutcome.PersonNotFound());
        assertThat(iamCalls).isEmpty();
        assertThat(state.active(CLOCK.instant())).isEmpty();
    }

    @Test
    void listKeys_ofSomeoneTheBrokerNeverIssuedToAndWithoutAnIamUser_isPersonNotFound() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.listKeys(root, "00u9typo")).isEqualTo(new ApiKeyOutcome.PersonNotFound());
    }

    @Test
    void revokeAllSessions_byADeveloper_isRefused_andByAnAdmin_deniesEveryone() {
        Identity developer = Principals.person("00u2bob", "bob", "", List.of("developers"));
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.revokeAllSessions(developer)).isEqualTo(new ApiKeyOutcome.NotAdmin());
        assertThat(iamCalls).isEmpty();
        assertThat(admin.revokeAllSessions(root))
                .isEqualTo(new ApiKeyOutcome.SessionsRevoked(Instant.parse("2026-11-25T12:00:01Z"), "*"));
    }

    @Test
    void revokeSessions_ofASubjectKnownOnlyAtAnotherIssuer_isPersonNotFound() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.revokeSessions(root, "https://other.example.com", "00u1abcd"))
                .isEqualTo(new ApiKeyOutcome.PersonNotFound());
        assertThat(state.active(CLOCK.instant())).isEmpty();
    }

    @Test
    void revokeSessions_namingTheIssuer_recordsTheRevocationUnderThePrincipalKey() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        admin.revokeSessions(root, Principals.ISSUER, "00u1abcd");

        assertThat(state.active(CLOCK.instant())).singleElement()
                .isEqualTo(new broker.lambda.core.state.Revocation.OfPerson(Principals.principal("00u1abcd").hash(),
                        Principals.principal("00u1abcd").key(), Instant.parse("2026-11-25T12:00:01Z"),
                        Principals.principal("00uadmin").key()));
    }

    @Test
    void revokeSessions_ofAPersonRecordedBeforeIssuerKeyedNames_findsThemAtTheLegacyIssuerAndDeniesBothSuffixes() {
        InMemoryBrokerState old = new InMemoryBrokerState();
        old.recordIssuance(new PersonRecord("00u3carol", "00u3carol", "", "carol", "carol@example.com", List.of(),
                broker.lambda.core.identity.SessionNaming.subjectHash("00u3carol"), IssuanceKind.CREDENTIALS, CLOCK.instant()));
        SessionRevoker revoker = new SessionRevoker(old, new RoleInlinePolicy() {
            String document;
            @Override public IamResult<String> read() {
                return document == null ? new IamResult.NotFound<>() : new IamResult.Done<>(document);
            }
            @Override public IamResult<Void> write(String d) { document = d; return IamResult.done(); }
        }, CLOCK, d -> { }, SessionRevoker.PublishBudget.DEFAULT, java.util.Set.of(Principals.ISSUER));
        AdminService legacy = new AdminService(document, keys, revoker, old, java.util.Set.of(Principals.ISSUER), null,
                CLOCK);
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(legacy.revokeSessions(root, "carol@example.com")).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        assertThat(old.active(CLOCK.instant())).extracting(r -> ((broker.lambda.core.state.Revocation.OfPerson) r).subjectHash())
                .containsExactlyInAnyOrder(Principals.principal("00u3carol").hash(),
                        broker.lambda.core.identity.SessionNaming.subjectHash("00u3carol"));
    }

    @Test
    void revokeSessions_ofASubjectKnownAtTwoIssuers_isAmbiguousUntilTheIssuerIsNamed() {
        String ci = "https://ci.example.com";
        state.recordIssuance(PersonRecord.of(broker.lambda.core.identity.Identity.person(
                new broker.lambda.core.identity.PrincipalId(ci, "00u1abcd"), "ci-alice", "", List.of()),
                IssuanceKind.CREDENTIALS, CLOCK.instant()));
        SessionRevoker revoker = new SessionRevoker(state, new RoleInlinePolicy() {
            String document;
            @Override public IamResult<String> read() {
                return document == null ? new IamResult.NotFound<>() : new IamResult.Done<>(document);
            }
            @Override public IamResult<Void> write(String d) { document = d; return IamResult.done(); }
        }, CLOCK, d -> { }, SessionRevoker.PublishBudget.DEFAULT);
        AdminService both = new AdminService(document, keys, revoker, state, List.of(Principals.ISSUER, ci),
                java.util.Set.of(), null, CLOCK);
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(both.revokeSessions(root, "00u1abcd"))
                .isEqualTo(new ApiKeyOutcome.AmbiguousUser(List.of(ci, Principals.ISSUER)));
        assertThat(state.active(CLOCK.instant())).isEmpty();
        assertThat(both.revokeSessions(root, ci, "00u1abcd")).isEqualTo(new ApiKeyOutcome.SessionsRevoked(
                Instant.parse("2026-11-25T12:00:01Z"), "*-" + new broker.lambda.core.identity.PrincipalId(ci, "00u1abcd").hash()));
        // Alice by email is known at one issuer only: no ambiguity.
        assertThat(both.revokeSessions(root, "alice@example.com")).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
    }

    @Test
    void anyAction_namingNoRealSubject_isInvalidUser() {
        Identity root = Principals.person("00uadmin", "root", "", List.of("bedrock-admins"));

        assertThat(admin.listKeys(root, "")).isEqualTo(new ApiKeyOutcome.InvalidUser());
        assertThat(admin.revokeSessions(root, "x".repeat(1025))).isEqualTo(new ApiKeyOutcome.InvalidUser());
        assertThat(iamCalls).isEmpty();
    }
}
