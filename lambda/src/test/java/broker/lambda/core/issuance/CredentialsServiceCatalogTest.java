package broker.lambda.core.issuance;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static broker.lambda.core.catalog.Catalogs.fmArn;
import static broker.lambda.core.issuance.CredentialsServiceTest.NOW;
import static broker.lambda.core.issuance.CredentialsServiceTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.policy.PolicySource;
import broker.lambda.core.policy.SessionPolicy;
import broker.lambda.core.state.IssuanceRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issuance with the model catalog: exact policies when it is trusted, the static derivation otherwise. */
class CredentialsServiceCatalogTest {
    static final String ACCOUNT = "123456789012";
    static final String DOCUMENT = """
            {"version":1,
             "groups":{"developers":{"models":["us.%s","global.%s"],"regions":["us-east-1","us-west-2"],"shortTermKeys":true},
                       "families":{"models":["anthropic.claude-sonnet-4-5*"],"regions":["us-east-1"]}}}
            """.formatted(SONNET, SONNET);
    static final CatalogSnapshot US = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-west-2"));

    final CredentialsServiceTest.FakeIssuer sts = new CredentialsServiceTest.FakeIssuer();
    final CredentialsServiceTest.FakeMinter minter = new CredentialsServiceTest.FakeMinter();

    @Test
    void credentials_withTrustedCatalog_allowsEachProfilesExactDestinationsAndSaysCatalog() throws Exception {
        var result = service(DOCUMENT, () -> Optional.of(US)).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.CATALOG);
        assertThat(policy()).contains(fmArn("us-east-2", SONNET)).doesNotContain("bedrock:us-*::");
    }

    @Test
    void credentials_withoutTrustedCatalog_usesTheStaticPolicyAndSaysStatic() throws Exception {
        var result = service(DOCUMENT, ModelCatalog.NONE).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.STATIC);
        assertThat(policy()).contains("arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    /** A catalog still loading: issuance does not wait for it (GET /v1/models may). */
    @Test
    void credentials_whileTheCatalogIsStillLoading_usesTheStaticPolicyWithoutWaiting() throws Exception {
        ModelCatalog loading = new ModelCatalog() {
            @Override
            public Optional<CatalogSnapshot> current() {
                throw new AssertionError("issuance waited for the catalog's load");
            }

            @Override
            public Optional<CatalogSnapshot> ifReady() {
                return Optional.empty();
            }
        };

        var result = service(DOCUMENT, loading).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.STATIC);
        assertThat(policy()).contains("arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void credentials_familyWithCatalog_allowsTheProfilesBedrockOffersAndNoWildcard() throws Exception {
        service(DOCUMENT, () -> Optional.of(US)).credentials(user("families"), CredentialsRequest.DEFAULTS);

        assertThat(policy()).contains(
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET,
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/global." + SONNET)
                .doesNotContain("4-5*");
    }

    @Test
    void credentials_familyWithoutCatalog_allowsTheFamilyAsArnWildcards() throws Exception {
        service(DOCUMENT, ModelCatalog.NONE).credentials(user("families"), CredentialsRequest.DEFAULTS);

        assertThat(policy()).contains(
                "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us.anthropic.claude-sonnet-4-5*",
                "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/global.anthropic.claude-sonnet-4-5*",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5*",
                "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5*")
                .doesNotContain("inference-profile/*.", "inference-profile/eu.");
    }

    @Test
    void credentials_modelCoveredByAFamily_isEntitledAndNarrowsThePolicyToIt() throws Exception {
        var result = service(DOCUMENT, () -> Optional.of(US)).credentials(user("families"),
                new CredentialsRequest(null, "us-east-1", List.of("us." + SONNET)));

        assertThat(result).isInstanceOf(Issuance.CredentialsIssued.class);
        assertThat(policy()).contains("inference-profile/us." + SONNET).doesNotContain("global.");
    }

    @Test
    void credentials_modelOutsideEveryFamily_returnsModelNotAllowed() throws Exception {
        var result = service(DOCUMENT, () -> Optional.of(US)).credentials(user("families"),
                new CredentialsRequest(null, null, List.of("us." + HAIKU)));

        assertThat(result).isEqualTo(new Issuance.ModelNotAllowed("us." + HAIKU));
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_whenTheExactPolicyWouldNotFit_usesTheStaticPolicyWhichDoes() throws Exception {
        // A profile routing to 40 US regions: one ARN each is too long; the static us-* wildcard is one ARN.
        List<String> manyRegions = IntStream.range(0, 40).mapToObj(i -> "us-east-" + (i + 10)).toList();
        var wide = Catalogs.snapshot(Catalogs.region("us-east-1", List.of(),
                List.of(Catalogs.profile("us-east-1", "us." + SONNET, manyRegions))));

        var result = service(DOCUMENT, () -> Optional.of(wide)).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.STATIC);
        assertThat(policy().length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        assertThat(policy()).contains("arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void bearerToken_withTrustedCatalog_saysCatalog() throws Exception {
        var result = service(DOCUMENT, () -> Optional.of(US)).bearerToken(user("developers"), BearerTokenRequest.DEFAULTS);

        assertThat(((Issuance.TokenIssued) result).policySource()).isEqualTo(PolicySource.CATALOG);
        assertThat(policy()).contains("CallWithBearerToken");
    }

    @Test
    void credentials_largestRealisticEntitlementWithCatalog_fitsAndUsesTheCatalog() throws Exception {
        // The example document's developers group, Claude Code's models, every us. and eu. region it names.
        var example = Files.readString(Path.of("../examples/entitlements.json"));
        var catalog = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
                Catalogs.usRegion("us-west-2"), Catalogs.euRegion("eu-central-1"), Catalogs.euRegion("eu-west-1"));

        var result = service(example, () -> Optional.of(catalog)).credentials(user("developers", "bedrock-admins"),
                CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.CATALOG);
        assertThat(policy().length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
    }

    @Test
    void credentials_userInEveryGroupOfTheExampleWithCatalog_alwaysFitsTheLimit() throws Exception {
        // Every group of the example at once, every region, with short-term keys: the exact policy is too long
        // (one ARN per destination region), so the static one, which the validator bounds, is used.
        var example = Files.readString(Path.of("../examples/entitlements.json"));
        var catalog = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
                Catalogs.usRegion("us-west-2"), Catalogs.euRegion("eu-central-1"), Catalogs.euRegion("eu-west-1"));

        var result = service(example, () -> Optional.of(catalog)).credentials(
                user("developers", "developers-eu", "integrations", "bedrock-admins"), CredentialsRequest.DEFAULTS);

        assertThat(((Issuance.CredentialsIssued) result).policySource()).isEqualTo(PolicySource.STATIC);
        assertThat(policy().length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
    }

    private String policy() {
        return sts.commands.getLast().policy();
    }

    private CredentialsService service(String document, ModelCatalog catalog) throws Exception {
        return new CredentialsService(EntitlementsDocument.parse(document), sts, minter,
                new BedrockAccount("aws", ACCOUNT), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC), catalog, ModelPreferences.DEFAULT,
                IssuanceRecorder.NONE, BudgetGate.OFF);
    }
}
