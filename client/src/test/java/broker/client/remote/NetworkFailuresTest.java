package broker.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {
    private static final URI BROKER = URI.create("https://broker.example.com/v1/credentials");

    @Test
    void classify_unknownHostWrappedInConnectException_isDns() {
        var failure = new ConnectException("failed");
        failure.initCause(new UnknownHostException("broker.example.com"));

        assertThat(NetworkFailures.classify(BROKER, failure, false).cause()).isEqualTo(ClientFailure.Network.DNS);
    }

    @Test
    void classify_handshakeFailure_isTls() {
        var failure = new IOException("wrapped", new SSLHandshakeException("PKIX path building failed"));

        assertThat(NetworkFailures.classify(BROKER, failure, false))
                .isEqualTo(new ClientFailure.Unreachable("broker.example.com", ClientFailure.Network.TLS,
                        "TLS failed: PKIX path building failed"));
    }

    @Test
    void classify_connectTimeout_isTimeout() {
        assertThat(NetworkFailures.classify(BROKER, new HttpConnectTimeoutException("slow"), false).cause())
                .isEqualTo(ClientFailure.Network.TIMEOUT);
    }

    @Test
    void classify_refusedThroughAProxy_blamesTheProxy() {
        assertThat(NetworkFailures.classify(BROKER, new ConnectException("refused"), true).cause())
                .isEqualTo(ClientFailure.Network.PROXY);
    }
}
