package broker.lambda.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each hole of issue #16 at the claims level: these failed against subject-only, email-trusting, any-client identity. */
class IdentityAttackTest {
    private static final String ENTRA = "https://login.microsoftonline.com/tenant-id/v2.0";
    private static final String API_AUDIENCE = "api://default";

    @Test
    void resolve_groupNamedXSpaceBrokerAdmins_flattenedIsOneAmbiguousClaimNeverAnAdmin() {
        Identity identity = resolver().resolve(claims("groups", "[\"x\",\"broker-admins\"]")).orElseThrow();

        assertThat(identity.groups()).isEmpty();
        assertThat(identity.note()).contains("groups claim ignored");
    }

    @Test
    void resolve_groupNamedXSpaceBrokerAdmins_fromTheTokenStaysOneName() {
        Map<String, String> claims = claims("groups", "[x broker-admins]");
        String payload = "{\"iss\":\"" + Principals.ISSUER + "\",\"sub\":\"00u1abcd\",\"groups\":[\"x broker-admins\"]}";

        Identity identity = resolver().resolve(claims, payload).orElseThrow();

        assertThat(identity.groups()).containsExactly("x broker-admins");
    }

    @Test
    void resolve_emailVerifiedFalse_neverUsesTheEmail() {
        Map<String, String> claims = claims("email", "ceo@example.com");
        claims.put("email_verified", "false");

        Identity identity = resolver().resolve(claims).orElseThrow();

        assertThat(identity.userName()).isEqualTo("00u1abcd");
        assertThat(identity.email()).isEmpty();
    }

    @Test
    void resolve_emailVerifiedMissing_neverUsesTheEmail() {
        Identity identity = resolver().resolve(claims("email", "ceo@example.com")).orElseThrow();

        assertThat(identity.userName()).isEqualTo("00u1abcd");
        assertThat(identity.email()).isEmpty();
    }

    @Test
    void resolve_emailVerifiedTrue_usesTheEmail() {
        Map<String, String> claims = claims("email", "alice@example.com");
        claims.put("email_verified", "true");

        Identity identity = resolver().resolve(claims).orElseThrow();

        assertThat(identity.userName()).isEqualTo("alice@example.com");
        assertThat(identity.email()).isEqualTo("alice@example.com");
    }

    @Test
    void resolve_sharedApiAudience_refusesATokenOfAnotherClient() {
        IdentityResolver resolver = new IdentityResolver(List.of(new TrustedIssuer(Principals.ISSUER, PrincipalKind.PERSON,
                List.of(API_AUDIENCE), List.of("broker-cli", "broker-portal"), IdentityClaims.DEFAULTS, false)));
        Map<String, String> other = claims("aud", API_AUDIENCE);
        other.put("cid", "someone-elses-app");
        Map<String, String> ours = claims("aud", API_AUDIENCE);
        ours.put("cid", "broker-portal");
        Map<String, String> unnamed = claims("aud", API_AUDIENCE);

        assertThat(resolver.resolution(other, null)).isInstanceOf(IdentityResolver.Resolution.Refused.class);
        assertThat(resolver.resolution(unnamed, null)).isInstanceOf(IdentityResolver.Resolution.Refused.class);
        assertThat(resolver.resolve(ours)).isPresent();
    }

    @Test
    void resolve_audienceThatIsOurClientId_needsNoClientClaim() {
        IdentityResolver resolver = new IdentityResolver(List.of(new TrustedIssuer(Principals.ISSUER, PrincipalKind.PERSON,
                List.of(API_AUDIENCE, "broker-cli"), List.of("broker-cli"), IdentityClaims.DEFAULTS, false)));

        assertThat(resolver.resolve(claims("aud", "broker-cli"))).isPresent();
        assertThat(resolver.resolve(claims("aud", "[" + API_AUDIENCE + " broker-cli]"))).isPresent();
    }

    @Test
    void resolve_entraTwoSubsWithOneOid_areOnePrincipal() {
        IdentityResolver resolver = new IdentityResolver(List.of(new TrustedIssuer(ENTRA, PrincipalKind.PERSON,
                List.of("cli-app", "portal-app"), List.of("cli-app", "portal-app"),
                new IdentityClaims("oid", "preferred_username", "groups"), false)));
        Map<String, String> cli = Map.of("iss", ENTRA, "sub", "sub-for-cli", "oid", "0b1c-oid", "aud", "cli-app");
        Map<String, String> portal = Map.of("iss", ENTRA, "sub", "sub-for-portal", "oid", "0b1c-oid", "aud", "portal-app");

        Identity viaCli = resolver.resolve(cli).orElseThrow();
        Identity viaPortal = resolver.resolve(portal).orElseThrow();

        assertThat(viaCli.principal()).isEqualTo(viaPortal.principal()).isEqualTo(new PrincipalId(ENTRA, "0b1c-oid"));
        assertThat(StsSessionIdentity.of(viaCli).sourceIdentity()).isEqualTo(StsSessionIdentity.of(viaPortal).sourceIdentity());
    }

    @Test
    void resolve_entraTokenWithoutOid_isRefused() {
        IdentityResolver resolver = new IdentityResolver(List.of(TrustedIssuer.people(ENTRA, List.of("cli-app"),
                new IdentityClaims("oid", "preferred_username", "groups"))));

        assertThat(resolver.resolve(Map.of("iss", ENTRA, "sub", "sub-for-cli", "aud", "cli-app"))).isEmpty();
    }

    @Test
    void resolve_sameSubjectAtTwoIssuers_givesTwoPrincipalsWithDistinctNames() {
        String github = "https://token.actions.githubusercontent.com";
        IdentityResolver resolver = new IdentityResolver(List.of(Principals.issuer(IdentityClaims.DEFAULTS),
                TrustedIssuer.people(github, List.of("bedrock-broker"), IdentityClaims.DEFAULTS)));

        Identity a = resolver.resolve(Map.of("iss", Principals.ISSUER, "sub", "same")).orElseThrow();
        Identity b = resolver.resolve(Map.of("iss", github, "sub", "same")).orElseThrow();

        assertThat(a.principal()).isNotEqualTo(b.principal());
        assertThat(a.principal().hash()).isNotEqualTo(b.principal().hash());
        assertThat(StsSessionIdentity.of(a).sourceIdentity()).isNotEqualTo(StsSessionIdentity.of(b).sourceIdentity());
    }

    @Test
    void resolve_untrustedOrMissingIssuer_isRefused() {
        assertThat(resolver().resolve(Map.of("iss", "https://evil.example.com", "sub", "00u1abcd"))).isEmpty();
        assertThat(resolver().resolve(Map.of("sub", "00u1abcd"))).isEmpty();
    }

    @Test
    void principalKey_parsesBackAndSplitsAtTheFirstHash() {
        PrincipalId principal = new PrincipalId(Principals.ISSUER, "repo:org/app#x");

        assertThat(principal.key()).isEqualTo(Principals.ISSUER + "#repo:org/app#x");
        assertThat(PrincipalId.parse(principal.key())).isEqualTo(principal);
    }

    private static IdentityResolver resolver() {
        return new IdentityResolver(List.of(Principals.issuer(IdentityClaims.DEFAULTS)));
    }

    private static Map<String, String> claims(String name, String value) {
        Map<String, String> claims = new HashMap<>();
        claims.put("iss", Principals.ISSUER);
        claims.put("sub", "00u1abcd");
        claims.put(name, value);
        return claims;
    }
}
