package broker.client.remote;

import broker.client.core.Result;

/** Sends HTTP requests; network failures come back as {@code Unreachable}, never as exceptions. */
@FunctionalInterface
public interface HttpTransport {
    Result<HttpReply> send(HttpCall call);
}
