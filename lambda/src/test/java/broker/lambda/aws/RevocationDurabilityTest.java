package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.testing.Principals;
import broker.lambda.core.revocation.RevocationPolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.revocation.Sleeper;
import broker.lambda.testing.Dynalite;
import broker.lambda.testing.TestClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Revocations against an eventually consistent IAM (the real SDK on WireMock, whose GetRolePolicy answers the document
 * as it was before the last write for a few reads) and the real state store (DynamoDB adapter on dynalite). Before the
 * state store, a revocation a second after another read the stale document, added its person and wrote it back:
 * the first person's deny was lost while both admins got 200.
 */
class RevocationDurabilityTest {
    static final String ROLE = "bedrock-broker-users";
    static final Instant T0 = Instant.parse("2026-12-07T12:00:00.300Z");

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();

    final TestClock clock = new TestClock(T0);
    final FakeIam iam = new FakeIam(clock::instant);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(iam)).build();

    static DynamoDbClient dynamo;
    DynamoDbBrokerState store;
    IamClient iamClient;

    @BeforeEach
    void setUp() {
        if (dynamo == null) dynamo = DYNAMO.client();
        store = new DynamoDbBrokerState(dynamo, DYNAMO.createStateTable(dynamo));
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        iamClient = IamWire.client(wire.baseUrl());
        // Every write is followed by three reads that still show the document before it.
        iam.staleRolePolicyReads(3);
    }

    @AfterAll
    static void closeClient() {
        if (dynamo != null) dynamo.close();
    }

    SessionRevoker revoker() {
        return new SessionRevoker(store, new IamRolePolicy(iamClient, ROLE, SessionRevoker.POLICY_NAME), clock,
                clock::advance, SessionRevoker.PublishBudget.DEFAULT);
    }

    @Test
    void twoRevocationsASecondApart_whileIamReadsAreStale_bothStayDenied() {
        SessionRevoker revoker = revoker();
        ApiKeyOutcome first = revoker.revoke(Principals.principal("00u1alice"), "sub-admin-1");
        clock.set(T0.plusSeconds(1));
        // IAM still answers the document from before the first write for the next reads.
        iam.staleRolePolicyReads(3);
        ApiKeyOutcome second = revoker().revoke(Principals.principal("00u2bob"), "sub-admin-2");

        assertThat(first).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        assertThat(second).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        RevocationPolicy shown = RevocationPolicy.parse(iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME));
        assertThat(shown.denies(Principals.principal("00u1alice").hash(), ((ApiKeyOutcome.SessionsRevoked) first).issuedBefore()))
                .isTrue();
        assertThat(shown.denies(Principals.principal("00u2bob").hash(), ((ApiKeyOutcome.SessionsRevoked) second).issuedBefore()))
                .isTrue();
    }

    @Test
    void revoke_answersOnlyOnceIamShowsTheDeny() {
        ApiKeyOutcome outcome = revoker().revoke(Principals.principal("00u1alice"), "sub-admin");

        assertThat(outcome).isEqualTo(new ApiKeyOutcome.SessionsRevoked(Instant.parse("2026-12-07T12:00:01Z"),
                "*-" + Principals.principal("00u1alice").hash()));
        // Three stale reads after the write, then the one that shows it: the revoker waited between them.
        assertThat(clock.instant()).isAfter(T0);
        assertThat(wire.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("Action=GetRolePolicy")).count()).isEqualTo(5);
    }

    @Test
    void concurrentRevocationsFromTwoFunctionInstances_whileIamReadsAreStale_neverLoseOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ApiKeyOutcome>> outcomes = new ArrayList<>();
        List<String> subjects = List.of("00u1alice", "00u2bob", "00u3carol", "00u4dave");
        try {
            // Each its own revoker, as two admin function instances would be; the lease serializes their IAM writes.
            // Real time here: a shared test clock moved by every waiting thread would expire the holder's lease.
            for (String subject : subjects) {
                SessionRevoker revoker = new SessionRevoker(store, new IamRolePolicy(iamClient, ROLE,
                        SessionRevoker.POLICY_NAME), java.time.Clock.systemUTC(), Sleeper.THREAD,
                        new SessionRevoker.PublishBudget(Duration.ofSeconds(20), Duration.ofMillis(10)));
                outcomes.add(pool.submit(() -> revoker.revoke(Principals.principal(subject), "sub-admin")));
            }
            for (Future<ApiKeyOutcome> outcome : outcomes) {
                assertThat(outcome.get()).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
            }
        } finally {
            pool.shutdown();
        }

        RevocationPolicy shown = RevocationPolicy.parse(iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME));
        for (String subject : subjects) {
            assertThat(shown.cutoffs()).as(subject).containsKey(Principals.principal(subject).hash());
        }
    }
}
