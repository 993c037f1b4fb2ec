package broker.client.remote;

import broker.client.core.ClientFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
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

    /** Connecting (TCP, and for https the TLS handshake) took longer than the connect timeout. */
    static ClientFailure.Unreachable connectTimedOut(URI uri) {
        return new ClientFailure.Unreachable(host(uri), ClientFailure.Network.TIMEOUT, "timed out connecting");
    }

    private static String host(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    static ClientFailure.Unreachable classify(URI uri, Throwable failure, boolean viaProxy) {
        String host = host(uri);
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
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return new ClientFailure.Unreachable(host, ClientFailure.Network.TIMEOUT, "timed out waiting for an answer");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ClientFailure.Unreachable(host,
                        viaProxy ? ClientFailure.Network.PROXY : ClientFailure.Network.CONNECTION,
                        viaProxy ? "cannot connect through the proxy" : "connection refused or unreachable");
            }
        }
        if (viaProxy && failure.getMessage() != null && failure.getMessage().startsWith("Unable to tunnel through proxy")) {
            // HttpURLConnection: the proxy refused CONNECT (e.g. 403, 407); its message names the proxy's status line.
            return new ClientFailure.Unreachable(host, ClientFailure.Network.PROXY, failure.getMessage());
        }
        String message = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return new ClientFailure.Unreachable(host, ClientFailure.Network.IO, message);
    }
}
