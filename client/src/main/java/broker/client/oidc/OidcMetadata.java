package broker.client.oidc;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.core.SecureUrls;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpTransport;
import java.net.URI;
import java.util.Map;

/**
 * The issuer's endpoints from OpenID Connect Discovery. {@code deviceAuthorizationEndpoint} is null when the issuer
 * does not offer the device grant, {@code revocationEndpoint} when it does not offer RFC 7009 token revocation. The
 * issuer and every endpoint are https (or on this machine: {@link SecureUrls}); a document naming anything else is
 * refused, before a browser is opened or a token sent.
 */
public record OidcMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                           URI deviceAuthorizationEndpoint, URI revocationEndpoint) {
    static final String SERVICE = "the identity provider";

    /** Fetches {@code <issuer>/.well-known/openid-configuration} and checks it names the same issuer. */
    public static Result<OidcMetadata> discover(String issuer, HttpTransport http) {
        if (!SecureUrls.allowed(issuer)) {
            return Result.err(new ClientFailure.InvalidResponse("the broker", "its issuer " + issuer + " is not an https"
                    + " URL; ask your platform team to fix the broker's identity provider setting"));
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI uri = URI.create(base + "/.well-known/openid-configuration");
        return http.send(HttpCall.get(uri, Map.of("Accept", "application/json"))).flatMap(reply -> {
            if (!reply.successful()) {
                return Result.err(reply.status() >= 500 || reply.status() == 429
                        ? new ClientFailure.Unavailable(SERVICE, reply.status(), null, "HTTP " + reply.status())
                        : new ClientFailure.InvalidResponse(SERVICE, "discovery document answered HTTP " + reply.status()));
            }
            try {
                JsonFields m = JsonFields.parse(reply.body());
                // OpenID Connect Discovery 1.0, section 4.3: the issuer must match exactly.
                if (!issuer.equals(m.string("issuer"))) {
                    return Result.err(new ClientFailure.InvalidResponse(SERVICE,
                            "its discovery document names another issuer (" + m.string("issuer") + ")"));
                }
                String device = m.optionalString("device_authorization_endpoint");
                String revocation = m.optionalString("revocation_endpoint");
                var metadata = new OidcMetadata(issuer, URI.create(m.string("authorization_endpoint")),
                        URI.create(m.string("token_endpoint")), URI.create(m.string("jwks_uri")),
                        device == null ? null : URI.create(device), revocation == null ? null : URI.create(revocation));
                String insecure = metadata.insecureEndpoint();
                return insecure == null ? Result.ok(metadata) : Result.err(new ClientFailure.InvalidResponse(SERVICE,
                        "its discovery document names " + insecure + ", which is not https; nothing was sent there"));
            } catch (JsonException | IllegalArgumentException e) {
                return Result.err(new ClientFailure.InvalidResponse(SERVICE, "unreadable discovery document (" + e.getMessage() + ")"));
            }
        });
    }

    /** The first endpoint that is neither https nor on this machine, as {@code name (url)}; null when all are. */
    String insecureEndpoint() {
        String[] names = {"authorization_endpoint", "token_endpoint", "jwks_uri", "device_authorization_endpoint",
                "revocation_endpoint"};
        URI[] uris = {authorizationEndpoint, tokenEndpoint, jwksUri, deviceAuthorizationEndpoint, revocationEndpoint};
        for (int i = 0; i < uris.length; i++) {
            if (uris[i] != null && !SecureUrls.allowed(uris[i])) {
                return names[i] + " (" + uris[i] + ")";
            }
        }
        return null;
    }
}
