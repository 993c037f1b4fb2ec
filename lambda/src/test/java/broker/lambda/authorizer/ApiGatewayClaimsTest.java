package broker.lambda.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApiGatewayClaimsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void flatten_everyJsonType_becomesTextAsApiGatewayPassesIt() throws Exception {
        JsonNode payload = JSON.readTree("""
                {"sub":"alice","exp":1767225600,"ratio":0.5,"admin":false,
                 "groups":["a","b","c"],"levels":[1,2],"none":[],
                 "address":{"country":"NO","zip":"0150"},"mixed":["x",{"k":"v"}]}
                """);

        assertThat(ApiGatewayClaims.flatten(payload))
                .containsEntry("sub", "alice")
                .containsEntry("exp", "1767225600")
                .containsEntry("ratio", "0.5")
                .containsEntry("admin", "false")
                .containsEntry("groups", "[a b c]")
                .containsEntry("levels", "[1 2]")
                .containsEntry("none", "[]")
                .containsEntry("address", "{\"country\":\"NO\",\"zip\":\"0150\"}")
                .containsEntry("mixed", "[x {\"k\":\"v\"}]")
                .hasSize(9);
    }

    @Test
    void scopes_spaceSeparatedScopeClaim_splitsIntoScopes() throws Exception {
        assertThat(ApiGatewayClaims.scopes(JSON.readTree("{\"scope\":\" openid  email \"}")))
                .containsExactly("openid", "email");
    }

    @Test
    void scopes_scpArray_isUsedWhenThereIsNoScope() throws Exception {
        assertThat(ApiGatewayClaims.scopes(JSON.readTree("{\"scp\":[\"api.read\",\"api.write\"]}")))
                .containsExactly("api.read", "api.write");
    }

    @Test
    void scopes_noScopeClaims_isEmpty() throws Exception {
        assertThat(ApiGatewayClaims.scopes(JSON.readTree("{\"sub\":\"alice\"}"))).isEmpty();
    }
}
