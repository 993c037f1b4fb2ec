package broker.client.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies from the environment as curl and the AWS CLI read them ({@code java.net.http} ignores these variables):
 * {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http, either case; {@code NO_PROXY} lists hosts, domain
 * suffixes ({@code example.com} also matches {@code a.example.com}) or {@code *}. Loopback is never proxied.
 * Proxy credentials in the URL are not supported.
 */
public final class ProxySettings extends ProxySelector {
    private final InetSocketAddress httpsProxy;
    private final InetSocketAddress httpProxy;
    private final List<String> noProxy;

    ProxySettings(InetSocketAddress httpsProxy, InetSocketAddress httpProxy, List<String> noProxy) {
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = List.copyOf(noProxy);
    }

    public static ProxySettings from(Map<String, String> env) {
        return new ProxySettings(address(first(env, "HTTPS_PROXY", "https_proxy")),
                address(first(env, "HTTP_PROXY", "http_proxy")), hosts(first(env, "NO_PROXY", "no_proxy")));
    }

    public boolean any() {
        return httpsProxy != null || httpProxy != null;
    }

    /** The proxy for this URL, or null to connect directly. */
    public InetSocketAddress proxyFor(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InetSocketAddress proxy = scheme.equals("https") ? httpsProxy : scheme.equals("http") ? httpProxy : null;
        if (proxy == null || bypassed(uri.getHost())) {
            return null;
        }
        return proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        InetSocketAddress proxy = proxyFor(uri);
        return List.of(proxy == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, proxy));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // reported by the request that failed
    }

    private boolean bypassed(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.startsWith("127.") || h.equals("::1")) {
            return true;
        }
        for (String entry : noProxy) {
            if (entry.equals("*") || h.equals(entry) || h.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, String> env, String upper, String lower) {
        String value = env.get(upper);
        if (value == null || value.isBlank()) {
            value = env.get(lower);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static InetSocketAddress address(String value) {
        if (value == null) {
            return null;
        }
        String v = value.contains("://") ? value : "http://" + value;
        URI uri = URI.create(v);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("cannot read the proxy setting " + value);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return InetSocketAddress.createUnresolved(uri.getHost(), port);
    }

    private static List<String> hosts(String value) {
        var out = new ArrayList<String>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            while (p.startsWith("*.") || p.startsWith(".")) {
                p = p.substring(p.indexOf('.') + 1);
            }
            int colon = p.lastIndexOf(':');
            if (colon > 0 && p.indexOf(':') == colon) {
                p = p.substring(0, colon);
            }
            if (!p.isEmpty()) {
                out.add(p.equals("*") ? "*" : p);
            }
        }
        return out;
    }
}
