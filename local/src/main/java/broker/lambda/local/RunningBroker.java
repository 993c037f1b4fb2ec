package broker.lambda.local;

import java.net.URI;

/** A started local broker; {@link #close()} stops it and waits briefly for requests in flight. */
public interface RunningBroker extends AutoCloseable {

    /** The bound port (the real one when 0 was asked for). */
    int port();

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    default URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    void close();
}
