package broker.client.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks and normalises a broker base URL: http(s), a host, no query or fragment, no trailing slash. */
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
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
