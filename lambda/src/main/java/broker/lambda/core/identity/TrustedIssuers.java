package broker.lambda.core.identity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the issuers list that the local broker's {@code --issuers FILE}, the functions' {@code BROKER_ISSUERS} and
 * infra's {@code issuersFile} share: a JSON array of issuers, each
 * <pre>{"issuer": "https://token.actions.githubusercontent.com", "kind": "workload",
 *  "audiences": ["https://abc123.execute-api.us-east-1.amazonaws.com"], "userNameClaim": "repository"}</pre>
 * with the optional fields {@code clientIds} (people: the audiences; workloads: none), {@code subjectClaim}
 * ({@code sub}), {@code userNameClaim} (people: {@code email}; workloads: {@code sub}), {@code groupsClaim}
 * ({@code groups}) and {@code legacySubjectKeys} ({@code false}). Unknown fields are errors, so a typo never widens
 * who gets in.
 */
public final class TrustedIssuers {
    private static final List<String> FIELDS = List.of("issuer", "kind", "audiences", "clientIds", "subjectClaim",
            "userNameClaim", "groupsClaim", "legacySubjectKeys");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TrustedIssuers() {}

    /**
     * The issuers of {@code json}.
     *
     * @throws IllegalArgumentException with one sentence naming the JSON path of the first problem
     */
    public static List<TrustedIssuer> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("$: the issuers list is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException("$: the issuers list must be a JSON array with at least one issuer");
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            TrustedIssuer issuer = issuer(root.get(i), "$[" + i + "]");
            if (!seen.add(issuer.issuer())) throw new IllegalArgumentException("$[" + i + "].issuer: listed twice");
            issuers.add(issuer);
        }
        if (issuers.stream().filter(TrustedIssuer::legacySubjectKeys).count() > 1) {
            throw new IllegalArgumentException("$: at most one issuer may set legacySubjectKeys");
        }
        return List.copyOf(issuers);
    }

    private static TrustedIssuer issuer(JsonNode node, String path) {
        if (!node.isObject()) throw new IllegalArgumentException(path + ": an issuer must be a JSON object");
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(path + "." + name + ": unknown field; an issuer takes " + FIELDS);
            }
        });
        String issuer = text(node, "issuer", path, null);
        if (!isIssuerUrl(issuer)) {
            throw new IllegalArgumentException(path + ".issuer: must be an https URL without query or fragment"
                    + " (http only for localhost), exactly as the tokens' iss claim");
        }
        PrincipalKind kind = switch (text(node, "kind", path, "person").toLowerCase(Locale.ROOT)) {
            case "person" -> PrincipalKind.PERSON;
            case "workload" -> PrincipalKind.WORKLOAD;
            default -> throw new IllegalArgumentException(path + ".kind: must be person or workload");
        };
        List<String> audiences = strings(node, "audiences", path, null);
        if (audiences.isEmpty()) throw new IllegalArgumentException(path + ".audiences: name at least one audience");
        List<String> clientIds = strings(node, "clientIds", path, kind == PrincipalKind.PERSON ? audiences : List.of());
        IdentityClaims claims = new IdentityClaims(
                claim(node, "subjectClaim", path, IdentityClaims.DEFAULT_SUBJECT_CLAIM),
                claim(node, "userNameClaim", path, kind == PrincipalKind.PERSON ? "email" : "sub"),
                claim(node, "groupsClaim", path, "groups"));
        JsonNode legacy = node.get("legacySubjectKeys");
        if (legacy != null && !legacy.isBoolean()) {
            throw new IllegalArgumentException(path + ".legacySubjectKeys: must be true or false");
        }
        return new TrustedIssuer(issuer, kind, audiences, clientIds, claims, legacy != null && legacy.booleanValue());
    }

    /** https, or http on a loopback host (the local broker's test issuers). */
    public static boolean isIssuerUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field, String path, String fallback) {
        JsonNode value = node.get(field);
        if (value == null && fallback != null) return fallback;
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(path + "." + field + ": must be a non-empty string");
        }
        return value.textValue();
    }

    private static String claim(JsonNode node, String field, String path, String fallback) {
        String value = text(node, field, path, fallback);
        if (!CLAIM.matcher(value).matches()) {
            throw new IllegalArgumentException(path + "." + field + ": must be a claim name (letters, digits, _ : . - /)");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field, String path, List<String> fallback) {
        JsonNode value = node.get(field);
        if (value == null && fallback != null) return fallback;
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(path + "." + field + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw new IllegalArgumentException(path + "." + field + ": must hold non-empty strings only");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
