package broker.client.core;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs the client may send a sign-in, a token or credentials to: {@code https}, or plain {@code http} to this
 * machine only ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}: the local broker, a test issuer), where no network
 * carries the request. Used for the broker URL, the issuer and every endpoint of its discovery document.
 */
public final class SecureUrls {
    private SecureUrls() {
    }

    /** True for https, and for http to a loopback host. */
    public static boolean allowed(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        if (scheme.equalsIgnoreCase("https")) {
            return true;
        }
        return scheme.equalsIgnoreCase("http") && loopback(uri.getHost());
    }

    /** As {@link #allowed(URI)} for text; false when it is not a URL. */
    public static boolean allowed(String url) {
        try {
            return url != null && allowed(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A host name that never leaves this machine: no DNS is asked (a name could resolve anywhere). */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        // Plain loops: BEDROCK_BROKER_URL brings this onto the cache-hit path.
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
