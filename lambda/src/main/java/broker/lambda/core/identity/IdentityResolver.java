package broker.lambda.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the JWT claims that the API Gateway JWT authorizer (or the local broker) verified into an
 * {@link Identity}; used by every authenticated route before anything else.
 *
 * <p>The token's {@code iss} picks one of the {@link TrustedIssuer}s; a token of an issuer the broker does not
 * trust, or (under a shared API audience) minted for a client that is not ours, resolves to nothing (401). The
 * identity is keyed on issuer + the issuer's subject claim ({@link PrincipalId}).
 *
 * <p>Claims are untrusted text. Values lose control, line-separator and bidi-override characters and
 * are bounded: user name and email to {@value #MAX_USER_NAME_LENGTH} chars (a longer email is dropped, a
 * longer name cut), at most {@value #MAX_GROUPS} groups of at most
 * {@value #MAX_GROUP_LENGTH} chars (longer ones are dropped). The subject is an identifier and
 * is never altered: a subject that is blank, longer than {@value #MAX_SUBJECT_LENGTH} chars (OIDC Core's
 * limit) or holds such characters is refused. {@code email} is self-asserted at many issuers: it is used (as the
 * email and as the user name) only when {@code email_verified} is {@code true}.
 */
public final class IdentityResolver {
    public static final int MAX_SUBJECT_LENGTH = 255;
    public static final int MAX_USER_NAME_LENGTH = 256;
    public static final int MAX_EMAIL_LENGTH = 256;
    public static final int MAX_GROUPS = GroupsClaim.MAX_GROUPS;
    public static final int MAX_GROUP_LENGTH = GroupsClaim.MAX_GROUP_LENGTH;
    /** Bound on the claims a workload identity keeps for matching. */
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_LENGTH = 512;
    /** Claims that name the client a token was issued to: OIDC's {@code azp}, RFC 9068's {@code client_id}, Okta's {@code cid}. */
    static final List<String> CLIENT_CLAIMS = List.of("azp", "client_id", "cid");
    /** Claims that must agree between the verified claims and a token payload before the payload is read. */
    private static final List<String> BINDING_CLAIMS = List.of("iss", "sub", "exp", "iat", "nbf", "jti", "aud");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TrustedIssuer> issuers;

    public IdentityResolver(List<TrustedIssuer> issuers) {
        Map<String, TrustedIssuer> byIssuer = new LinkedHashMap<>();
        for (TrustedIssuer issuer : issuers) {
            if (byIssuer.put(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("issuer listed twice: " + issuer.issuer());
            }
        }
        if (byIssuer.isEmpty()) throw new IllegalArgumentException("at least one issuer is required");
        this.issuers = Map.copyOf(byIssuer);
    }

    /** What {@link #resolution} found. */
    public sealed interface Resolution {
        /** The claims name a caller. */
        record Resolved(Identity identity) implements Resolution {}

        /** The claims name no usable caller (the route answers 401); {@code reason} is for the audit line. */
        record Refused(String reason) implements Resolution {}
    }

    /**
     * The caller's identity, or empty when the claims carry no usable subject (the route answers 401).
     *
     * @param claims {@code requestContext.authorizer.jwt.claims}: claim name to string value; may be null
     */
    public Optional<Identity> resolve(Map<String, String> claims) {
        return resolve(claims, null);
    }

    /**
     * Like {@link #resolve(Map)}, reading the groups exactly from {@code tokenPayload} when it is the payload of the
     * token the claims came from.
     */
    public Optional<Identity> resolve(Map<String, String> claims, String tokenPayload) {
        return resolution(claims, tokenPayload) instanceof Resolution.Resolved(var identity)
                ? Optional.of(identity) : Optional.empty();
    }

    /**
     * The caller, or why there is none.
     *
     * @param claims       the verified, flattened claims; may be null
     * @param tokenPayload the decoded JSON payload of the bearer token the authorizer verified, or null. It is
     *                     used only when its flattened {@code iss}, {@code sub}, {@code exp}, {@code iat},
     *                     {@code nbf}, {@code jti}, {@code aud} and groups claim equal the verified claims, so a
     *                     different token cannot smuggle groups in
     */
    public Resolution resolution(Map<String, String> claims, String tokenPayload) {
        if (claims == null) return new Resolution.Refused("no claims");
        String iss = claims.get("iss");
        // Map.copyOf maps refuse get(null).
        TrustedIssuer issuer = iss == null ? null : issuers.get(iss);
        if (issuer == null) return new Resolution.Refused("iss is not a trusted issuer");
        if (issuer.requiresClientCheck() && !issuedToOurClient(issuer, claims)) {
            return new Resolution.Refused("token issued to a client that is not one of the broker's (azp/client_id/cid)");
        }
        IdentityClaims names = issuer.claims();
        String subject = claims.get(names.subjectClaim());
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH || !ClaimText.isClean(subject)) {
            return new Resolution.Refused("no usable " + names.subjectClaim() + " claim");
        }
        PrincipalId principal = new PrincipalId(issuer.issuer(), subject);
        String email = verifiedEmail(claims);
        String rawName = names.userNameClaim().equals("email") ? email : claims.get(names.userNameClaim());
        String userName = ClaimText.clean(rawName, MAX_USER_NAME_LENGTH);
        if (userName.isEmpty()) userName = subject;
        if (issuer.kind() == PrincipalKind.WORKLOAD) {
            return new Resolution.Resolved(new Identity(principal, PrincipalKind.WORKLOAD, userName, "", List.of(),
                    attributes(claims), null));
        }
        GroupsClaim.Reading groups = groups(claims, names.groupsClaim(), tokenPayload);
        return new Resolution.Resolved(new Identity(principal, PrincipalKind.PERSON, userName, email, groups.groups(),
                Map.of(), groups.problem()));
    }

    private static boolean issuedToOurClient(TrustedIssuer issuer, Map<String, String> claims) {
        if (FlattenedClaims.values(claims.get("aud")).stream().anyMatch(issuer.clientIds()::contains)) return true;
        boolean named = false;
        for (String claim : CLIENT_CLAIMS) {
            String value = claims.get(claim);
            if (value == null) continue;
            if (!issuer.clientIds().contains(value)) return false;
            named = true;
        }
        return named;
    }

    /** The email when the issuer says it verified it; flattened booleans are their JSON text. */
    private static String verifiedEmail(Map<String, String> claims) {
        if (!"true".equals(claims.get("email_verified"))) return "";
        String email = ClaimText.cleanOrNullIfLonger(claims.get("email"), MAX_EMAIL_LENGTH);
        return email == null ? "" : email;
    }

    private static GroupsClaim.Reading groups(Map<String, String> claims, String groupsClaim, String tokenPayload) {
        // API Gateway hands the Authorization header it verified to the function, so a real request always has the
        // payload; only callers without a token (priming, the flattened-claims tests) read the flattened form alone.
        if (tokenPayload == null) return GroupsClaim.parse(claims.get(groupsClaim));
        JsonNode payload = boundPayload(claims, groupsClaim, tokenPayload);
        if (payload != null) return GroupsClaim.read(payload.get(groupsClaim));
        // A payload that is not the verified token's cannot tell "[x admins]" (one name with a space) from two names.
        GroupsClaim.Reading flattened = GroupsClaim.parse(claims.get(groupsClaim));
        return flattened.groups().size() > 1
                ? GroupsClaim.Reading.ambiguous("the bearer token's payload is not the verified token's, and the"
                        + " flattened claim holds several names that may be one name with a space")
                : flattened;
    }

    /** The payload when it is the verified token's: same binding claims and same flattened groups; else null. */
    private static JsonNode boundPayload(Map<String, String> claims, String groupsClaim, String tokenPayload) {
        JsonNode payload;
        try {
            payload = JSON.readTree(tokenPayload);
        } catch (IOException e) {
            return null;
        }
        if (payload == null || !payload.isObject()) return null;
        for (String claim : BINDING_CLAIMS) {
            if (!sameClaim(claims, payload, claim)) return null;
        }
        return sameClaim(claims, payload, groupsClaim) ? payload : null;
    }

    private static boolean sameClaim(Map<String, String> claims, JsonNode payload, String claim) {
        JsonNode value = payload.get(claim);
        String flat = value == null || value.isNull() ? null : FlattenedClaims.flattenValue(value);
        return Objects.equals(flat, claims.get(claim));
    }

    /** A workload's claims for matching: values with unsafe characters or too long to be sensible are left out. */
    private static Map<String, String> attributes(Map<String, String> claims) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> claim : claims.entrySet()) {
            if (kept.size() >= MAX_ATTRIBUTES) break;
            if (claim.getKey() == null || claim.getKey().length() > 128 || !ClaimText.isClean(claim.getKey())) continue;
            String value = claim.getValue();
            // Matched exactly: a value is kept as it is or not at all, never cleaned into another value.
            if (value != null && value.length() <= MAX_ATTRIBUTE_LENGTH && ClaimText.isClean(value)) {
                kept.put(claim.getKey(), value);
            }
        }
        return kept;
    }
}
