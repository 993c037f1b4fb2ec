package broker.client.config;

import broker.client.core.SecureUrls;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks and normalises a broker base URL: https (plain http only to this machine, see {@link SecureUrls}), a host, no
 * query, fragment or user info, no trailing slash.
 */
public final class BrokerUrls {
    private BrokerUrls() {
    }

    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("the broker URL must start with https:// (" + text + ")");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the broker URL must be https://host[/path] (" + text + ")");
        }
        if (!SecureUrls.allowed(uri)) {
            // Tokens and credentials would cross the network in clear text.
            throw new IllegalArgumentException(text.trim() + " would send your sign-in and credentials unencrypted; use "
                    + "https://" + text.trim().substring("http://".length()) + " (http:// is accepted only for a broker on"
                    + " this machine: localhost, 127.0.0.1 or ::1)");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
