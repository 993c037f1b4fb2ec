package broker.lambda.core.entitlements;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of the document's {@code workloads} section: tokens of {@code issuer} whose claims all match {@code match}
 * get {@code profile}'s models and regions (never long-term keys, never admin rights).
 *
 * @param name    the entry's name, unique in the document; audit lines name the entry that matched
 * @param issuer  the exact {@code iss} of the workload's tokens
 * @param match   claim name to an exact value or a glob ({@code *} stands for any run of characters, including
 *                {@code /}); every claim must be present and match
 * @param profile what a matching workload may use
 */
public record Workload(String name, String issuer, Map<String, String> match, Profile profile) {
    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        match = Map.copyOf(match);
        Objects.requireNonNull(profile, "profile");
    }

    /** The entry's models in its regions. */
    public Grant grant() {
        return profile.grant();
    }

    /** True when the token comes from this entry's issuer and every claim of {@code match} matches its value. */
    public boolean matches(String tokenIssuer, Map<String, String> claims) {
        if (!issuer.equals(tokenIssuer)) return false;
        for (Map.Entry<String, String> condition : match.entrySet()) {
            String value = claims.get(condition.getKey());
            if (value == null || !globMatches(condition.getValue(), value)) return false;
        }
        return true;
    }

    /** {@code *} matches any run of characters; every other character only itself. */
    static boolean globMatches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }
}
