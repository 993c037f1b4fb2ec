package broker.client.oidc;

import broker.client.core.Result;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpReply;
import broker.client.remote.HttpTransport;
import java.net.URI;

/** Test transport: sends requests for one origin to another (an issuer stub standing in for a real issuer's URL). */
final class HttpTransportRedirect implements HttpTransport {
    private final HttpTransport delegate;
    private final String from;
    private final String to;

    HttpTransportRedirect(HttpTransport delegate, String from, String to) {
        this.delegate = delegate;
        this.from = from.endsWith("/") ? from.substring(0, from.length() - 1) : from;
        this.to = to;
    }

    @Override
    public Result<HttpReply> send(HttpCall call) {
        String uri = call.uri().toString();
        if (uri.startsWith(from + "/.well-known/openid-configuration")) {
            uri = to + "/.well-known/openid-configuration";
        }
        return delegate.send(new HttpCall(call.method(), URI.create(uri), call.headers(), call.body()));
    }
}
