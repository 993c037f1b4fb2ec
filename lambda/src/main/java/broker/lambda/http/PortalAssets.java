package broker.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The onboarding page's files ({@code GET /portal}, {@code GET /portal/{asset}}), read from the classpath folder
 * {@value #FOLDER} once at init and answered from memory. Every answer carries a strict Content-Security-Policy:
 * scripts and styles from this origin only (no inline code, no third party), connections to this origin and the
 * identity provider only.
 */
public final class PortalAssets {
    static final String FOLDER = "/portal/";
    static final String PAGE = "index.html";
    /** The files {@code GET /portal/{asset}} serves, with their content types. */
    static final Map<String, String> ASSETS = Map.of(
            "portal.js", "text/javascript; charset=utf-8",
            "portal.css", "text/css; charset=utf-8");

    private final Map<String, String> bodies;
    private final Map<String, String> headers;

    private PortalAssets(Map<String, String> bodies, Map<String, String> headers) {
        this.bodies = Map.copyOf(bodies);
        this.headers = Map.copyOf(headers);
    }

    /** Loads the page's files; {@code issuer} is the one origin besides this one that the page may call over HTTP. */
    public static PortalAssets load(String issuer) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put(PAGE, read(PAGE));
        ASSETS.keySet().forEach(name -> bodies.put(name, read(name)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(issuer));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        // The authorization code arrives in the page's URL: never hand it on in a Referer.
        headers.put("Referrer-Policy", "no-referrer");
        // Small files: revalidate, so a deploy shows at once.
        headers.put("Cache-Control", "no-cache");
        return new PortalAssets(bodies, headers);
    }

    /**
     * Scripts and styles only from this origin; connections to this origin (the API), the issuer's origin and https
     * (the issuer's token endpoint may live on another host, as Cognito's does); no frames, plugins or forms.
     */
    static String contentSecurityPolicy(String issuer) {
        String connect = "'self' https:";
        URI uri = URI.create(issuer);
        if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
            // A plain-http issuer is a local development one (mock-oauth2-server).
            connect += " http://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** The page itself. */
    APIGatewayV2HTTPResponse page() {
        return answer("text/html; charset=utf-8", bodies.get(PAGE));
    }

    /** One of {@link #ASSETS}, or empty for any other name. */
    Optional<APIGatewayV2HTTPResponse> asset(String name) {
        String contentType = name == null ? null : ASSETS.get(name);
        return contentType == null ? Optional.empty() : Optional.of(answer(contentType, bodies.get(name)));
    }

    private APIGatewayV2HTTPResponse answer(String contentType, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", contentType);
        all.putAll(headers);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(all).withBody(body).build();
    }

    private static String read(String name) {
        try (InputStream in = PortalAssets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalStateException(FOLDER + name + " is missing from the Lambda package");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }
}
