package broker.client.remote;

import broker.client.core.ClientFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Classifies a failed request by walking the exception's causes. */
final class NetworkFailures {
    private NetworkFailures() {
    }

    static ClientFailure.Unreachable classify(URI uri, Throwable failure, boolean viaProxy) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        // The most specific cause anywhere in the chain wins: java.net.http wraps a DNS failure in a ConnectException.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new ClientFailure.Unreachable(host, viaProxy ? ClientFailure.Network.PROXY : ClientFailure.Network.DNS,
                        "cannot resolve the host name");
            }
            if (t instanceof SSLException) {
                return new ClientFailure.Unreachable(host, ClientFailure.Network.TLS,
                        "TLS failed" + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new ClientFailure.Unreachable(host, ClientFailure.Network.TIMEOUT, "timed out connecting");
            }
            if (t instanceof HttpTimeoutException) {
                return new ClientFailure.Unreachable(host, ClientFailure.Network.TIMEOUT, "timed out waiting for an answer");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ClientFailure.Unreachable(host,
                        viaProxy ? ClientFailure.Network.PROXY : ClientFailure.Network.CONNECTION,
                        viaProxy ? "cannot connect through the proxy" : "connection refused or unreachable");
            }
        }
        String message = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return new ClientFailure.Unreachable(host, ClientFailure.Network.IO, message);
    }
}
