package broker.lambda.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The OpenAPI 3.1 document of the API, served by {@code GET /v1/openapi.json}: the bundled {@value #RESOURCE}
 * (maintained by hand next to this class; a contract test checks every route's real answers against it) with this
 * broker's issuer filled in. Rendered once per function instance, at init, never per request.
 */
public final class OpenApiDocument {
    /** The document's classpath resource, next to this class. */
    public static final String RESOURCE = "openapi.json";

    private OpenApiDocument() {}

    /** The bundled document as published in the jar, issuer not filled in. */
    public static ObjectNode template(ObjectMapper json) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the Lambda package");
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document for a broker that trusts {@code issuer}, as compact JSON. */
    public static String render(ObjectMapper json, String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        ObjectNode document = template(json);
        JsonNode oidc = document.path("components").path("securitySchemes").path("oidc");
        if (!(oidc instanceof ObjectNode scheme)) throw new IllegalStateException(RESOURCE + " has no oidc security scheme");
        scheme.put("openIdConnectUrl", discoveryUrl(issuer));
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OIDC discovery: the issuer (without a trailing slash) + {@code /.well-known/openid-configuration}. */
    static String discoveryUrl(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + "/.well-known/openid-configuration";
    }
}
