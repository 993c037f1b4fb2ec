package broker.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    @Test
    void proxyFor_httpsUrl_usesHttpsProxy() {
        var proxies = ProxySettings.from(Map.of("HTTPS_PROXY", "http://proxy.corp:3128"));
        assertThat(proxies.proxyFor(URI.create("https://api.example.com/v1")))
                .isEqualTo(InetSocketAddress.createUnresolved("proxy.corp", 3128));
    }

    @Test
    void proxyFor_lowerCaseVariableAndNoScheme_isRead() {
        var proxies = ProxySettings.from(Map.of("https_proxy", "proxy.corp:8080"));
        assertThat(proxies.proxyFor(URI.create("https://api.example.com")))
                .isEqualTo(InetSocketAddress.createUnresolved("proxy.corp", 8080));
    }

    @Test
    void proxyFor_noProxyDomainSuffix_connectsDirectly() {
        var proxies = ProxySettings.from(Map.of("HTTPS_PROXY", "proxy:1", "NO_PROXY", "internal.corp, .example.org"));
        assertThat(proxies.proxyFor(URI.create("https://idp.internal.corp/x"))).isNull();
        assertThat(proxies.proxyFor(URI.create("https://a.example.org/x"))).isNull();
        assertThat(proxies.proxyFor(URI.create("https://example.com/x"))).isNotNull();
    }

    @Test
    void proxyFor_loopback_isNeverProxied() {
        var proxies = ProxySettings.from(Map.of("HTTP_PROXY", "proxy:1"));
        assertThat(proxies.proxyFor(URI.create("http://127.0.0.1:8080/"))).isNull();
        assertThat(proxies.proxyFor(URI.create("http://localhost:8080/"))).isNull();
    }

    @Test
    void proxyFor_httpUrlWithOnlyHttpsProxy_connectsDirectly() {
        var proxies = ProxySettings.from(Map.of("HTTPS_PROXY", "proxy:1"));
        assertThat(proxies.proxyFor(URI.create("http://broker.example/"))).isNull();
    }
}
