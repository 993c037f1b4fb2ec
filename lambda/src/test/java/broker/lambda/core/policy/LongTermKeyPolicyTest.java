package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongTermKeyPolicyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Grant> GRANTS = List.of(
            new Grant(List.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), List.of("us-east-1", "us-west-2")),
            new Grant(List.of("amazon.nova-micro-v1:0"), List.of("eu-west-1")));

    @Test
    void build_isTheSessionPolicyWithLongTermInsteadOfShortTermBearerTokens() throws Exception {
        String longTerm = LongTermKeyPolicy.build("aws", "123456789012", GRANTS);
        String shortTerm = SessionPolicy.build(new PolicyScope("aws", "123456789012", GRANTS, true));

        assertThat(JSON.readTree(longTerm)).isEqualTo(JSON.readTree(shortTerm.replace("\"SHORT_TERM\"", "\"LONG_TERM\"")));
        assertThat(longTerm).doesNotContain("SHORT_TERM").doesNotContainAnyWhitespaces();
    }

    @Test
    void build_allowsCallWithBearerTokenOnlyForLongTermTokens() throws Exception {
        JsonNode statements = JSON.readTree(LongTermKeyPolicy.build("aws", "123456789012", GRANTS)).get("Statement");

        JsonNode bearer = statements.get(statements.size() - 1);
        assertThat(bearer.get("Action").asText()).isEqualTo("bedrock:CallWithBearerToken");
        assertThat(bearer.at("/Condition/StringEquals/bedrock:BearerTokenType").asText()).isEqualTo("LONG_TERM");
        assertThat(statements.findValuesAsText("Effect")).containsOnly("Allow");
    }

    @Test
    void build_forEveryGrantOfTheExampleDocument_fitsIamsUserPolicyLimit() throws Exception {
        var document = EntitlementsDocument.parse(Files.readString(Path.of("../examples/entitlements.json")));

        String policy = LongTermKeyPolicy.build("aws-us-gov", "123456789012", document.allGrants());

        assertThat(policy.length()).isLessThanOrEqualTo(LongTermKeyPolicy.MAX_CHARS)
                .isLessThan(SessionPolicy.build(new PolicyScope("aws-us-gov", "123456789012", document.allGrants(), true)).length());
    }
}
