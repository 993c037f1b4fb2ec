package broker.lambda.core.apikeys;

import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysServiceTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String PATH = "/bedrock-broker/users/";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";
    static final Identity ALICE = Principals.person("00u1abcd", "alice@example.com", "alice@example.com", List.of("developers"));

    final MemoryIamUsers iam = new MemoryIamUsers(NOW);
    final ApiKeysService service = service(1);

    ApiKeysService service(int maxKeys) {
        try {
            return new ApiKeysService(EntitlementsDocument.parse("""
                    {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                     "longTermKeys":{"allowed":true,"maxAgeDays":90,"defaultAgeDays":30,"maxKeys":%d}}}}""".formatted(maxKeys)),
                    iam, new BedrockAccount("aws", "123456789012"), PATH, BOUNDARY, Clock.fixed(NOW, ZoneOffset.UTC),
                    broker.lambda.core.state.IssuanceRecorder.NONE, broker.lambda.core.budget.BudgetGate.OFF,
                    java.util.Set.of(Principals.ISSUER));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void create_forANewPerson_createsTheUserBeforeThePolicyAndThePolicyBeforeTheKey() {
        ApiKeyOutcome outcome = service.create(ALICE, ApiKeyRequest.DEFAULTS);

        assertThat(outcome).isInstanceOfSatisfying(ApiKeyOutcome.Created.class, c -> {
            assertThat(c.iamUser()).isEqualTo("00u1abcd");
            assertThat(c.key().expiration()).isEqualTo(NOW.plus(Duration.ofDays(30)));
            assertThat(c.toString()).doesNotContain("memory-secret");
        });
        assertThat(iam.calls).containsExactly("GetUser 00u1abcd", "CreateUser 00u1abcd", "PutUserPolicy 00u1abcd",
                "CreateServiceSpecificCredential 00u1abcd");
    }

    @Test
    void create_whenTheNameIsTakenInvisiblyToGetUser_movesOnToTheNextName() {
        // IAM names ignore case: CreateUser can see a clash that GetUser of this spelling did not report.
        iam.failing.put("CreateUser", name -> name.equals("00u1abcd") ? new IamResult.AlreadyExists<>() : null);

        ApiKeyOutcome outcome = service.create(ALICE, ApiKeyRequest.DEFAULTS);

        assertThat(outcome).isInstanceOfSatisfying(ApiKeyOutcome.Created.class, c -> assertThat(c.iamUser()).isEqualTo("00u1abcd-2"));
    }

    @Test
    void create_whenAUserWithTheOwnersTagLivesOutsideTheBrokerPath_doesNotUseIt() {
        iam.add(new IamUser("00u1abcd", "/humans/", null, Map.of(IamUserNames.TAG_SUBJECT, "00u1abcd")));

        ApiKeyOutcome outcome = service.create(ALICE, ApiKeyRequest.DEFAULTS);

        assertThat(outcome).isInstanceOfSatisfying(ApiKeyOutcome.Created.class, c -> assertThat(c.iamUser()).isEqualTo("00u1abcd-2"));
        assertThat(iam.policies).doesNotContainKey("00u1abcd");
    }

    @Test
    void create_whenEveryCandidateNameBelongsToSomeoneElse_refusesWithoutCreatingAnything() {
        IamUserNames.candidates("00u1abcd").forEach(n -> iam.add(new IamUser(n, PATH, BOUNDARY, Map.of(IamUserNames.TAG_SUBJECT, "other"))));

        assertThat(service.create(ALICE, ApiKeyRequest.DEFAULTS))
                .isEqualTo(new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Refused("iam", "CreateUser:UserNamesExhausted")));
        assertThat(iam.calls).noneMatch(c -> c.startsWith("CreateUser") || c.startsWith("Put"));
    }

    @Test
    void create_atTheEntitlementsMaximum_refusesBeforeAnyWrite() {
        service.create(ALICE, ApiKeyRequest.DEFAULTS);
        iam.calls.clear();

        assertThat(service.create(ALICE, ApiKeyRequest.DEFAULTS)).isEqualTo(new ApiKeyOutcome.LimitReached(1));
        assertThat(iam.calls).containsExactly("GetUser 00u1abcd", "ListServiceSpecificCredentials 00u1abcd");
    }

    @Test
    void create_atTheMaximumAge_isAllowedAndOneMoreIsNot() {
        assertThat(service.create(ALICE, new ApiKeyRequest(90, null))).isInstanceOf(ApiKeyOutcome.Created.class);
        assertThat(service(2).create(ALICE, new ApiKeyRequest(91, null))).isEqualTo(new ApiKeyOutcome.InvalidAge(91, 90));
    }

    @Test
    void create_whenThePolicyCannotBeWritten_createsNoKey() {
        iam.failing.put("PutUserPolicy", n -> new IamResult.Unavailable<>(Duration.ofSeconds(2)));

        assertThat(service.create(ALICE, ApiKeyRequest.DEFAULTS)).isEqualTo(new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("iam", Duration.ofSeconds(2))));
        assertThat(iam.keys).isEmpty();
    }

    @Test
    void list_keyPastItsExpirationThatIamStillCallsActive_isExpired() {
        iam.add(new IamUser("00u1abcd", PATH, BOUNDARY, Map.of(IamUserNames.TAG_SUBJECT, "00u1abcd")));
        iam.keys.put("00u1abcd", new java.util.ArrayList<>(List.of(
                new StoredKey("ACCAMEMORY0000000009", NOW.minus(Duration.ofDays(10)), NOW, ApiKeyStatus.ACTIVE),
                new StoredKey("ACCAMEMORY0000000008", NOW.minus(Duration.ofDays(20)), NOW.plusSeconds(1), ApiKeyStatus.ACTIVE))));

        ApiKeyOutcome outcome = service.list(ALICE);

        assertThat(outcome).isInstanceOfSatisfying(ApiKeyOutcome.Listed.class, l -> {
            assertThat(l.keys()).extracting(ApiKey::id).containsExactly("ACCAMEMORY0000000008", "ACCAMEMORY0000000009");
            assertThat(l.keys()).extracting(ApiKey::status).containsExactly(ApiKeyStatus.ACTIVE, ApiKeyStatus.EXPIRED);
            assertThat(l.maxKeys()).isEqualTo(1);
        });
    }

    @Test
    void delete_withoutEntitlement_stillDeletesTheCallersOwnKey() {
        service.create(ALICE, ApiKeyRequest.DEFAULTS);
        Identity leaver = Principals.person(ALICE.subject(), ALICE.userName(), ALICE.email(), List.of());

        assertThat(service.delete(leaver, "ACCAMEMORY0000000001")).isEqualTo(new ApiKeyOutcome.Deleted("ACCAMEMORY0000000001"));
        assertThat(iam.keys.get("00u1abcd")).isEmpty();
    }
}
