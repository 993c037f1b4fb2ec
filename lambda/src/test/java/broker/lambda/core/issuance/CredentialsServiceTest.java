package broker.lambda.core.issuance;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.testing.Principals;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsServiceTest {
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String SONNET_US = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String ENTITLEMENTS = """
            {"version":1,
             "default":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":1800},
             "groups":{"developers":{"models":["%s"],"regions":["us-east-1","us-west-2"],"maxSessionSeconds":3600,"shortTermKeys":true}},
             "adminGroups":["admins"]}
            """.formatted(HAIKU, SONNET_US);
    static final String NO_DEFAULT = """
            {"version":1,"groups":{"developers":{"models":["%s"],"regions":["us-east-1"]}}}
            """.formatted(HAIKU);
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final FakeIssuer sts = new FakeIssuer();
    final FakeMinter minter = new FakeMinter();

    @Test
    void credentials_whenNoProfileApplies_returnsNotEntitledWithoutCallingSts() throws Exception {
        var result = service(NO_DEFAULT, "us-east-1").credentials(user(), CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.NotEntitled.class);
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_withDefaults_usesEntitlementMaximumAndEveryGrant() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.CredentialsIssued.class);
        assertThat(((Issuance.CredentialsIssued) result).region()).isEqualTo("us-east-1");
        AssumeRoleCommand sent = sts.commands.getFirst();
        assertThat(sent.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(sent.policy()).contains(HAIKU, SONNET_US).doesNotContain("CallWithBearerToken");
        assertThat(sent.identity().sourceIdentity()).isNotBlank();
    }

    @Test
    void credentials_whenBrokerRegionNotEntitled_answersTheCallersFirstRegion() throws Exception {
        var result = service(ENTITLEMENTS, "eu-west-1").credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).region()).isEqualTo("us-east-1");
    }

    @Test
    void credentials_durationAboveEntitlement_returnsInvalidDuration() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").credentials(user(), new CredentialsRequest(3600, null, null));

        assertThat(result).isEqualTo(new Issuance.InvalidDuration(3600, 900, 1800));
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_durationBelowStsMinimum_returnsInvalidDuration() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").credentials(user(), new CredentialsRequest(899, null, null));

        assertThat(result).isEqualTo(new Issuance.InvalidDuration(899, 900, 1800));
    }

    @Test
    void credentials_requestedDuration_isSentToSts() throws Exception {
        service(ENTITLEMENTS, "us-east-1").credentials(user(), new CredentialsRequest(900, null, null));

        assertThat(sts.commands.getFirst().duration()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void credentials_regionNotEntitled_returnsRegionNotAllowed() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").credentials(user("developers"), new CredentialsRequest(null, "eu-west-1", null));

        assertThat(result).isEqualTo(new Issuance.RegionNotAllowed("eu-west-1"));
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_modelNotEntitled_returnsModelNotAllowed() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").credentials(user(), new CredentialsRequest(null, null, List.of(SONNET_US)));

        assertThat(result).isEqualTo(new Issuance.ModelNotAllowed(SONNET_US));
    }

    @Test
    void credentials_modelEntitledOnlyInAnotherRegion_returnsModelNotAllowed() throws Exception {
        // The default profile grants Haiku in us-east-1 only; the developers profile grants us-west-2 for Sonnet only.
        var result = service(ENTITLEMENTS, "us-east-1")
                .credentials(user("developers"), new CredentialsRequest(null, "us-west-2", List.of(HAIKU)));

        assertThat(result).isEqualTo(new Issuance.ModelNotAllowed(HAIKU));
    }

    @Test
    void credentials_regionAndModels_narrowThePolicy() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1")
                .credentials(user("developers"), new CredentialsRequest(null, "us-west-2", List.of(SONNET_US)));

        assertThat(((Issuance.CredentialsIssued) result).region()).isEqualTo("us-west-2");
        String policy = sts.commands.getFirst().policy();
        assertThat(policy).contains(SONNET_US).doesNotContain(HAIKU).doesNotContain(":us-east-1:");
    }

    @Test
    void credentials_whenStsThrottles_returnsUpstreamThrottled() throws Exception {
        sts.outcome = new StsOutcome.Throttled(Duration.ofSeconds(2));

        var result = service(ENTITLEMENTS, "us-east-1").credentials(user(), CredentialsRequest.DEFAULTS);

        assertThat(result).isEqualTo(new Issuance.UpstreamFailed(new UpstreamFailure.Throttled("sts", Duration.ofSeconds(2))));
    }

    @Test
    void credentials_whenStsRefuses_returnsUpstreamRefused() throws Exception {
        sts.outcome = new StsOutcome.Refused("AccessDenied");

        var result = service(ENTITLEMENTS, "us-east-1").credentials(user(), CredentialsRequest.DEFAULTS);

        assertThat(result).isEqualTo(new Issuance.UpstreamFailed(new UpstreamFailure.Refused("sts", "AccessDenied")));
    }

    @Test
    void bearerToken_withoutShortTermKeys_returnsNotEntitled() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").bearerToken(user(), BearerTokenRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.NotEntitled.class);
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void bearerToken_isScopedToOneRegionAndAllowsShortTermBearerCalls() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").bearerToken(user("developers"), new BearerTokenRequest(null, "us-west-2"));

        assertThat(result).isInstanceOf(Issuance.TokenIssued.class);
        assertThat(minter.regions).containsExactly("us-west-2");
        String policy = sts.commands.getFirst().policy();
        assertThat(policy).contains("bedrock:CallWithBearerToken", "SHORT_TERM").doesNotContain(":us-east-1:");
    }

    @Test
    void bearerToken_neverOutlivesItsCredentials() throws Exception {
        sts.lifetime = Duration.ofMinutes(20); // STS answered with less than was asked

        service(ENTITLEMENTS, "us-east-1").bearerToken(user("developers"), BearerTokenRequest.DEFAULTS);

        assertThat(minter.lifetimes).containsExactly(Duration.ofMinutes(20));
        assertThat(minter.signingTimes).containsExactly(NOW);
    }

    @Test
    void bearerToken_requestedDurationAboveEntitlement_returnsInvalidDuration() throws Exception {
        var result = service(ENTITLEMENTS, "us-east-1").bearerToken(user("developers"), new BearerTokenRequest(7200, null));

        assertThat(result).isEqualTo(new Issuance.InvalidDuration(7200, 900, 3600));
    }

    @Test
    void sameUser_getsTheSameSourceIdentityEveryTime() throws Exception {
        var service = service(ENTITLEMENTS, "us-east-1");
        service.credentials(user("developers"), CredentialsRequest.DEFAULTS);
        service.credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(sts.commands).extracting(c -> c.identity().sourceIdentity()).containsOnly(sts.commands.getFirst().identity().sourceIdentity());
    }

    CredentialsService service(String entitlements, String region) throws Exception {
        return new CredentialsService(EntitlementsDocument.parse(entitlements), sts, minter,
                new BedrockAccount("aws", "123456789012"), region, Clock.fixed(NOW, ZoneOffset.UTC), ModelCatalog.NONE,
                ModelPreferences.DEFAULT, IssuanceRecorder.NONE, BudgetGate.OFF);
    }

    static Identity user(String... groups) {
        return Principals.person("00u1abcd", "alice@example.com", "alice@example.com", List.of(groups));
    }

    static final class FakeIssuer implements CredentialIssuer {
        final List<AssumeRoleCommand> commands = new ArrayList<>();
        StsOutcome outcome;
        Duration lifetime;

        @Override
        public StsOutcome assumeRole(AssumeRoleCommand command) {
            commands.add(command);
            if (outcome != null) return outcome;
            Instant expiration = NOW.plus(lifetime != null ? lifetime : command.duration());
            return new StsOutcome.Assumed(new SessionCredentials("ASIAEXAMPLE", "secret", "token", expiration));
        }
    }

    static final class FakeMinter implements BearerTokenMinter {
        final List<String> regions = new ArrayList<>();
        final List<Duration> lifetimes = new ArrayList<>();
        final List<Instant> signingTimes = new ArrayList<>();

        @Override
        public BearerToken mint(SessionCredentials credentials, String region, Instant signingTime, Duration lifetime) {
            regions.add(region);
            lifetimes.add(lifetime);
            signingTimes.add(signingTime);
            return new BearerToken("bedrock-api-key-fake", region, signingTime.plus(lifetime));
        }
    }
}
