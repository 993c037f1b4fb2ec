package broker.lambda.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedIssuersTest {
    static final String GITHUB = "https://token.actions.githubusercontent.com";

    @Test
    void parse_workloadWithDefaults_hasNoClientIdsAndSubAsUserName() {
        List<TrustedIssuer> issuers = TrustedIssuers.parse("""
                [{"issuer":"%s","kind":"workload","audiences":["https://broker.example.com"]}]""".formatted(GITHUB));

        assertThat(issuers).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(PrincipalKind.WORKLOAD);
            assertThat(i.clientIds()).isEmpty();
            assertThat(i.requiresClientCheck()).isFalse();
            assertThat(i.claims()).isEqualTo(new IdentityClaims("sub", "sub", "groups"));
            assertThat(i.legacySubjectKeys()).isFalse();
        });
    }

    @Test
    void parse_personWithAnApiAudience_checksItsClientIds() {
        TrustedIssuer entra = TrustedIssuers.parse("""
                [{"issuer":"https://login.microsoftonline.com/t/v2.0","audiences":["api://broker"],
                  "clientIds":["cli-app","portal-app"],"subjectClaim":"oid","userNameClaim":"preferred_username"}]""")
                .getFirst();

        assertThat(entra.kind()).isEqualTo(PrincipalKind.PERSON);
        assertThat(entra.requiresClientCheck()).isTrue();
        assertThat(entra.claims().subjectClaim()).isEqualTo("oid");
    }

    @Test
    void parse_mistakes_areRefusedWithTheirPath() {
        assertThatThrownBy(() -> TrustedIssuers.parse("[{\"issuer\":\"" + GITHUB + "\",\"audiences\":[\"a\"],\"kinds\":\"workload\"}]"))
                .hasMessageStartingWith("$[0].kinds: unknown field");
        assertThatThrownBy(() -> TrustedIssuers.parse("[{\"issuer\":\"http://ci.example.com\",\"audiences\":[\"a\"]}]"))
                .hasMessageStartingWith("$[0].issuer:");
        assertThatThrownBy(() -> TrustedIssuers.parse("[{\"issuer\":\"" + GITHUB + "\",\"audiences\":[]}]"))
                .hasMessageStartingWith("$[0].audiences:");
        assertThatThrownBy(() -> TrustedIssuers.parse("[{\"issuer\":\"" + GITHUB + "\",\"audiences\":[\"a\"],\"kind\":\"robot\"}]"))
                .hasMessageStartingWith("$[0].kind:");
        assertThatThrownBy(() -> TrustedIssuers.parse("""
                [{"issuer":"%s","audiences":["a"]},{"issuer":"%s","audiences":["b"]}]""".formatted(GITHUB, GITHUB)))
                .hasMessageStartingWith("$[1].issuer: listed twice");
        assertThatThrownBy(() -> TrustedIssuers.parse("{}")).hasMessageStartingWith("$:");
        assertThatThrownBy(() -> TrustedIssuers.parse("[")).hasMessageStartingWith("$: the issuers list is not valid JSON");
    }
}
