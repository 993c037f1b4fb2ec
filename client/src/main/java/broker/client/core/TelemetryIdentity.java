package broker.client.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry headers that name the signed-in person ({@code helper otel-headers}), from the claims of the
 * cached ID token. The header names are those the AWS guidance's collector maps to dimensions ({@code x-user-email},
 * {@code x-user-name}, {@code x-cost-center}), plus {@code x-user-id} (a hash of issuer and subject: stable, and no
 * identifier of the issuer's) and {@code x-user-groups}. An email is named only when {@code email_verified} is true.
 * Values are header-safe: control characters dropped, non-ASCII percent-encoded, at most {@value #MAX_VALUE} chars.
 *
 * @param userNameClaim   the claim holding the user name, or null for {@code preferred_username}, then
 *                        {@code cognito:username}, then the verified email
 * @param groupsClaim     the claim holding the groups, or null for {@code groups}, then {@code cognito:groups}
 * @param costCentreClaim the claim holding the cost centre, or null for none
 */
public record TelemetryIdentity(String userNameClaim, String groupsClaim, String costCentreClaim) {
    public static final String USER_ID = "x-user-id";
    public static final String USER_NAME = "x-user-name";
    public static final String USER_EMAIL = "x-user-email";
    public static final String USER_GROUPS = "x-user-groups";
    public static final String COST_CENTER = "x-cost-center";
    static final int MAX_VALUE = 256;

    /** The headers for these claims; empty when they name nobody (no subject). */
    public Map<String, String> headers(Map<String, Object> claims) {
        var headers = new LinkedHashMap<String, String>();
        String issuer = text(claims.get("iss"));
        String subject = text(claims.get("sub"));
        if (subject == null) {
            return headers;
        }
        headers.put(USER_ID, sha256(issuer == null ? subject : issuer + "\n" + subject));
        String email = Boolean.TRUE.equals(claims.get("email_verified")) ? text(claims.get("email")) : null;
        String name = userNameClaim != null ? text(claims.get(userNameClaim))
                : first(text(claims.get("preferred_username")), text(claims.get("cognito:username")), email);
        put(headers, USER_NAME, name);
        put(headers, USER_EMAIL, email);
        List<String> groups = groupsClaim != null ? strings(claims.get(groupsClaim))
                : claims.containsKey("groups") ? strings(claims.get("groups")) : strings(claims.get("cognito:groups"));
        put(headers, USER_GROUPS, groups.isEmpty() ? null : String.join(",", groups));
        if (costCentreClaim != null) {
            put(headers, COST_CENTER, text(claims.get(costCentreClaim)));
        }
        return headers;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        String safe = value == null ? "" : headerSafe(value);
        if (!safe.isEmpty()) {
            headers.put(name, safe);
        }
    }

    /** Printable ASCII kept (a comma-separated list stays readable), the rest percent-encoded as UTF-8. */
    static String headerSafe(String value) {
        var out = new StringBuilder();
        for (byte b : value.strip().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else if (c >= 0x80 || c == '%') {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
            if (out.length() >= MAX_VALUE) {
                break;
            }
        }
        return out.length() > MAX_VALUE ? out.substring(0, MAX_VALUE) : out.toString();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : value instanceof Number n ? n.toString() : null;
    }

    /** A list of strings, or API Gateway's flattened {@code "[a b]"} / a comma- or space-separated string. */
    private static List<String> strings(Object value) {
        var out = new ArrayList<String>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String s = text(item);
                if (s != null) {
                    out.add(s.strip());
                }
            }
        } else if (value instanceof String s) {
            for (String part : s.replace("[", "").replace("]", "").split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
