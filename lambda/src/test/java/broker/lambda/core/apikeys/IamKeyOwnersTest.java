package broker.lambda.core.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerIssuers;
import broker.lambda.testing.Principals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whose usage a long-term key's spend is: the key user written by {@link ApiKeysService}, read back by
 * {@link IamKeyOwners} as the usage ingestion does. The budget is checked on {@link PrincipalId#key()}, so the owner
 * must be exactly that person's, or nobody, never a principal no one signs in as.
 */
class IamKeyOwnersTest {
    static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");
    static final String PATH = "/bedrock-broker/users/";
    static final String AUTH0_SUBJECT = "auth0|5f7c8ec7c33c6c004bbafe82";
    /** Issuer URLs may hold characters IAM tags refuse: {@code ~} here. */
    static final String TILDE_ISSUER = "https://sso.example.com/~tenant/oidc";
    static final OwnerIssuers ISSUERS = new OwnerIssuers(Principals.ISSUER, Set.of());

    final MemoryIamUsers iam = new MemoryIamUsers(NOW);
    final ApiKeysService service = service();

    @Test
    void auth0Subject_keyUsersUsageIsChargedToExactlyThatPersonsPrincipalKey() {
        Identity person = person(Principals.ISSUER, AUTH0_SUBJECT);

        String user = created(person);

        Owner owner = new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of(user)).get(user);
        assertThat(owner).isNotNull();
        assertThat(owner.key()).isEqualTo(person.principal().key()).isEqualTo(Principals.ISSUER + "#" + AUTH0_SUBJECT);
        assertThat(owner.kind()).isEqualTo(Owner.Kind.PERSON);
    }

    @Test
    void issuerWithATilde_keyUsersUsageIsChargedToExactlyThatPersonsPrincipalKey() {
        Identity person = person(TILDE_ISSUER, "00u1abcd");

        String user = created(person);

        Owner owner = new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of(user)).get(user);
        assertThat(owner).isNotNull();
        assertThat(owner.key()).isEqualTo(person.principal().key());
    }

    @Test
    void tamperedExactTags_whoseDigestIsNotThePrincipalTag_nameNoOwner() {
        String user = created(person(Principals.ISSUER, AUTH0_SUBJECT));
        // Someone rewrites the exact subject to another person's, leaving the principal tag as it was.
        Map<String, String> tags = new HashMap<>(iam.users.get(user.toLowerCase()).tags());
        tags.putAll(IamUserNames.exactOwnerTags(Principals.principal("auth0|someone-else")).orElseThrow());
        iam.add(new IamUser(user, PATH, null, tags));

        assertThat(new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of(user))).isEmpty();
    }

    @Test
    void userFromBeforeTheExactTags_withAHashedSubject_namesNoOwnerUntilItsPersonsNextKeyRetagsIt() {
        Identity person = person(Principals.ISSUER, AUTH0_SUBJECT);
        String name = IamUserNames.candidates(AUTH0_SUBJECT).getFirst();
        iam.add(new IamUser(name, PATH, ApiKeysServiceTest.BOUNDARY, Map.of(
                IamUserNames.TAG_PRINCIPAL, IamUserNames.principalTag(person.principal()),
                IamUserNames.TAG_ISSUER, IamUserNames.displayTag(Principals.ISSUER),
                IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(AUTH0_SUBJECT))));

        // Not "issuer#sha256:…": a principal no one signs in as would hide the spend from every budget.
        assertThat(new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of(name))).isEmpty();

        assertThat(created(person)).isEqualTo(name);
        Owner owner = new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of(name)).get(name);
        assertThat(owner.key()).isEqualTo(person.principal().key());
    }

    @Test
    void userFromBeforeTheExactTags_withAPlainSubject_isOwnedAsBefore() {
        iam.add(new IamUser("00u1abcd", PATH, null, Map.of(IamUserNames.TAG_SUBJECT, "00u1abcd",
                IamUserNames.TAG_USER, "alice@example.com")));

        assertThat(new IamKeyOwners(iam, PATH, ISSUERS).ownersOf(Set.of("00u1abcd")).get("00u1abcd"))
                .isEqualTo(new Owner(Principals.ISSUER, "00u1abcd", "alice@example.com", List.of(), Owner.Kind.PERSON));
    }

    @Test
    void ownerTooLongForTheExactTags_isRefusedBeforeAnyIamCall() {
        ApiKeyOutcome outcome = service.create(person(Principals.ISSUER, "s".repeat(800)), ApiKeyRequest.DEFAULTS);

        assertThat(outcome).isInstanceOf(ApiKeyOutcome.NotEntitled.class);
        assertThat(iam.calls).isEmpty();
    }

    private String created(Identity person) {
        ApiKeyOutcome outcome = service.create(person, ApiKeyRequest.DEFAULTS);
        assertThat(outcome).isInstanceOf(ApiKeyOutcome.Created.class);
        return ((ApiKeyOutcome.Created) outcome).iamUser();
    }

    private static Identity person(String issuer, String subject) {
        return Identity.person(new PrincipalId(issuer, subject), "pat@example.com", "pat@example.com", List.of("developers"));
    }

    private ApiKeysService service() {
        try {
            return new ApiKeysService(EntitlementsDocument.parse("""
                    {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                     "longTermKeys":{"allowed":true,"maxAgeDays":90,"defaultAgeDays":30,"maxKeys":2}}}}"""),
                    iam, new BedrockAccount("aws", "123456789012"), PATH, ApiKeysServiceTest.BOUNDARY,
                    Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
