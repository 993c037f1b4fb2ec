package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.apikeys.IamKeyOwners;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.state.StateUnavailableException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.testing.Principals;
import org.junit.jupiter.api.Test;

class OwnerAdaptersTest {
    private static final Instant T0 = Instant.parse("2026-12-07T20:00:00Z");
    private static final String GITHUB = "https://token.actions.githubusercontent.com";
    /** Records without an issuer belong to the people issuer; GitHub's principals are workloads. */
    private static final OwnerIssuers ISSUERS = new OwnerIssuers(Principals.ISSUER, Set.of(GITHUB));

    @Test
    void directorySessionOwners_issuedSession_isItsPersonWithGroups() {
        SessionRecord alice = new SessionRecord("alice-abcdefghijkl", "sub-alice", "sub-alice", "", "alice",
                List.of("developers"), T0, T0.plusSeconds(3600));
        PersonDirectory directory = stub(PersonDirectory.class, "sessions",
                args -> Map.of("alice-abcdefghijkl", alice));

        Map<String, Owner> owners = new DirectorySessionOwners(directory, ISSUERS).ownersOf(Set.of("alice-abcdefghijkl", "x-1"));

        assertThat(owners).containsOnlyKeys("alice-abcdefghijkl");
        assertThat(owners.get("alice-abcdefghijkl"))
                .isEqualTo(new Owner(Principals.ISSUER, "sub-alice", "alice", List.of("developers"), Owner.Kind.PERSON));
    }

    @Test
    void directorySessionOwners_workloadIssuersSession_isAWorkloadUnderItsPrincipalKey() {
        SessionRecord ci = new SessionRecord("acme_app-abcdefghijkl", GITHUB + "#repo:acme/app:ref:refs/heads/main",
                "repo:acme/app:ref:refs/heads/main", GITHUB, "acme/app", List.of(), T0, T0.plusSeconds(900));
        PersonDirectory directory = stub(PersonDirectory.class, "sessions", args -> Map.of("acme_app-abcdefghijkl", ci));

        Owner owner = new DirectorySessionOwners(directory, ISSUERS).ownersOf(Set.of("acme_app-abcdefghijkl"))
                .get("acme_app-abcdefghijkl");

        assertThat(owner.kind()).isEqualTo(Owner.Kind.WORKLOAD);
        assertThat(owner.key()).isEqualTo(new PrincipalId(GITHUB, "repo:acme/app:ref:refs/heads/main").key());
    }

    @Test
    void iamKeyOwners_userWithPrincipalTag_isOwnedAtTheTaggedIssuer() {
        String principal = IamUserNames.principalTag(new PrincipalId("https://other.example.com", "sub-bob"));
        IamUsers iam = stub(IamUsers.class, "getUser", args -> new IamResult.Done<>(new IamUser("bob", "/bb/users/", null,
                Map.of(IamUserNames.TAG_PRINCIPAL, principal, IamUserNames.TAG_ISSUER, "https://other.example.com",
                        IamUserNames.TAG_SUBJECT, "sub-bob"))));

        Owner owner = new IamKeyOwners(iam, "/bb/users/", ISSUERS).ownersOf(Set.of("bob")).get("bob");

        assertThat(owner.key()).isEqualTo(new PrincipalId("https://other.example.com", "sub-bob").key());
    }

    /** An issuer tag whose {@code ~} became {@code _} does not hash to the principal tag: no owner, not a wrong one. */
    @Test
    void iamKeyOwners_userWhosePrincipalTagIsNotItsIssuerAndSubjectTags_isAbsent() {
        String principal = IamUserNames.principalTag(new PrincipalId("https://other.example.com/~t", "sub-bob"));
        IamUsers iam = stub(IamUsers.class, "getUser", args -> new IamResult.Done<>(new IamUser("bob", "/bb/users/", null,
                Map.of(IamUserNames.TAG_PRINCIPAL, principal, IamUserNames.TAG_ISSUER, "https://other.example.com/_t",
                        IamUserNames.TAG_SUBJECT, "sub-bob"))));

        assertThat(new IamKeyOwners(iam, "/bb/users/", ISSUERS).ownersOf(Set.of("bob"))).isEmpty();
    }

    @Test
    void iamKeyOwners_userWithOwnerTag_isTheTaggedSubjectAndAskedOnce() {
        AtomicInteger calls = new AtomicInteger();
        IamUsers iam = stub(IamUsers.class, "getUser", args -> {
            calls.incrementAndGet();
            return new IamResult.Done<>(new IamUser("bob", "/bb/users/", null,
                    Map.of(IamUserNames.TAG_SUBJECT, "sub-bob", IamUserNames.TAG_USER, "Bob B")));
        });
        IamKeyOwners owners = new IamKeyOwners(iam, "/bb/users/", ISSUERS);

        owners.ownersOf(Set.of("bob"));
        Map<String, Owner> again = owners.ownersOf(Set.of("bob"));

        assertThat(again.get("bob")).isEqualTo(new Owner(Principals.ISSUER, "sub-bob", "Bob B", List.of(), Owner.Kind.PERSON));
        assertThat(calls).hasValue(1);
    }

    @Test
    void iamKeyOwners_userWithoutOwnerTagOrGone_isAbsent() {
        IamUsers iam = stub(IamUsers.class, "getUser", args -> args[0].equals("gone")
                ? new IamResult.NotFound<>() : new IamResult.Done<>(new IamUser("x", "/bb/users/", null, Map.of())));

        assertThat(new IamKeyOwners(iam, "/bb/users/", ISSUERS).ownersOf(Set.of("gone", "x"))).isEmpty();
    }

    @Test
    void iamKeyOwners_iamThrottling_throwsSoTheBatchIsRetriedNotMisattributed() {
        IamUsers iam = stub(IamUsers.class, "getUser", args -> new IamResult.Throttled<>(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> new IamKeyOwners(iam, "/bb/users/", ISSUERS).ownersOf(Set.of("bob")))
                .isInstanceOf(StateUnavailableException.class);
    }

    /** An implementation of {@code type} answering only {@code method}. */
    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, String method, java.util.function.Function<Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) return answer.apply(args);
            throw new UnsupportedOperationException(m.getName());
        });
    }
}
