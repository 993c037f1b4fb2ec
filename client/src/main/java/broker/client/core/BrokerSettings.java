package broker.client.core;

import java.util.List;

/**
 * What the broker's public {@code GET /v1/client-config} tells the client: how to sign in and the defaults to use.
 * Model ids are empty strings when the broker recommends none.
 */
public record BrokerSettings(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                             String region, String primaryModel, String fastModel) {
    public BrokerSettings {
        Require.nonBlank(issuer, "issuer");
        Require.nonBlank(clientId, "clientId");
        scopes = List.copyOf(scopes);
        redirectPorts = List.copyOf(redirectPorts);
        region = region == null ? "" : region;
        primaryModel = primaryModel == null ? "" : primaryModel;
        fastModel = fastModel == null ? "" : fastModel;
    }
}
