package broker.client.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LoopbackReceiverTest {
    private static int get(URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static LoopbackReceiver bind(List<Integer> ports) {
        return ((Result.Ok<LoopbackReceiver>) LoopbackReceiver.bind(ports, "s-1")).value();
    }

    @Test
    void awaitCode_ignoresAnswersWithAnotherStateAndTakesTheRightOne() throws Exception {
        try (LoopbackReceiver receiver = bind(List.of())) {
            String base = receiver.redirectUri().toString();
            assertThat(get(URI.create(base + "?code=evil&state=other"))).isEqualTo(400);
            assertThat(get(URI.create(base + "?code=good&state=s-1"))).isEqualTo(200);

            assertThat(receiver.awaitCode(Duration.ofSeconds(5))).isEqualTo(Result.ok("good"));
        }
    }

    @Test
    void awaitCode_errorFromTheIssuer_isALoginFailure() throws Exception {
        try (LoopbackReceiver receiver = bind(List.of())) {
            get(URI.create(receiver.redirectUri() + "?error=access_denied&error_description=nope&state=s-1"));

            assertThat(receiver.awaitCode(Duration.ofSeconds(5))).isEqualTo(Result.err(
                    new ClientFailure.LoginFailed("the identity provider answered access_denied (nope)")));
        }
    }

    @Test
    void bind_firstPortBusy_usesTheNextOne() throws Exception {
        int freePort;
        try (var free = new ServerSocket(0)) {
            freePort = free.getLocalPort();
        }
        try (var busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            try (LoopbackReceiver receiver = bind(List.of(busy.getLocalPort(), freePort))) {
                assertThat(receiver.redirectUri()).isEqualTo(URI.create("http://localhost:" + freePort + "/callback"));
            }
        }
    }

    @Test
    void bind_portHeldOnTheIpv6LoopbackByAnotherProgram_usesTheNextOne() throws Exception {
        Assumptions.assumeTrue(LoopbackReceiver.ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        int freePort;
        try (var free = new ServerSocket(0)) {
            freePort = free.getLocalPort();
        }
        try (var squatter = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            try (LoopbackReceiver receiver = bind(List.of(squatter.getLocalPort(), freePort))) {
                assertThat(receiver.redirectUri()).isEqualTo(URI.create("http://localhost:" + freePort + "/callback"));
            }
        }
    }

    @Test
    void errorPage_escapesTheTextItWasSent() throws Exception {
        try (LoopbackReceiver receiver = bind(List.of());
             HttpClient client = HttpClient.newHttpClient()) {
            URI uri = URI.create(receiver.redirectUri() + "?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=s-1");
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
        }
    }

    @Test
    void awaitCode_nobodyComes_timesOut() {
        try (LoopbackReceiver receiver = bind(List.of())) {
            assertThat(receiver.awaitCode(Duration.ofMillis(100))).isInstanceOf(Result.Err.class);
        }
    }
}
