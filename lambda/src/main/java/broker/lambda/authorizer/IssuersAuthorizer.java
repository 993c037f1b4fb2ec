package broker.lambda.authorizer;

import broker.lambda.core.identity.TrustedIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several issuers on the same routes, as the stack's Lambda authorizer does when more than one issuer is configured:
 * the token's {@code iss} (read before verification, only to pick the issuer) selects that issuer's own
 * {@link JwtAuthorizer}, which then checks everything, {@code iss} included, with that issuer's keys and audiences.
 * A token of an issuer not in the list is refused without a network call.
 */
public final class IssuersAuthorizer implements Authorizer, AutoCloseable {
    private static final Pattern BEARER =
            Pattern.compile("(?i:bearer) +[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JwtAuthorizer> byIssuer;

    /** One {@link JwtAuthorizer} per issuer, with that issuer's audiences. */
    public IssuersAuthorizer(List<TrustedIssuer> issuers) {
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        for (TrustedIssuer issuer : issuers) {
            authorizers.put(issuer.issuer(), new JwtAuthorizer(issuer.issuer(), issuer.audiences()));
        }
        this.byIssuer = Map.copyOf(authorizers);
    }

    /** Over these per-issuer authorizers (tests). */
    public IssuersAuthorizer(Map<String, JwtAuthorizer> byIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
    }

    @Override
    public AuthorizationResult authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new AuthorizationResult.Unauthorized("no Authorization header");
        }
        String header = authorizationHeader.strip();
        if (header.length() > JwtAuthorizer.MAX_TOKEN_CHARS + "Bearer ".length()) {
            return new AuthorizationResult.Unauthorized("token larger than " + JwtAuthorizer.MAX_TOKEN_CHARS + " characters");
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches()) {
            return new AuthorizationResult.Unauthorized("Authorization header is not 'Bearer' and one JWT");
        }
        Optional<String> issuer = unverifiedIssuer(bearer.group(1));
        JwtAuthorizer authorizer = issuer.map(byIssuer::get).orElse(null);
        if (authorizer == null) return new AuthorizationResult.Unauthorized("iss is not a configured issuer");
        return authorizer.authorize(authorizationHeader);
    }

    /** Resolves every issuer's keys now; the problems of those that cannot be reached. */
    public List<String> warmUp() {
        return byIssuer.values().stream().map(JwtAuthorizer::warmUp).flatMap(Optional::stream).toList();
    }

    @Override
    public void close() {
        byIssuer.values().forEach(JwtAuthorizer::close);
    }

    private static Optional<String> unverifiedIssuer(String payload) {
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            JsonNode iss = claims == null ? null : claims.get("iss");
            return iss != null && iss.isTextual() ? Optional.of(iss.textValue()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
