package broker.client.oidc;

import java.net.URI;

/** Opens a URL for the user to sign in. */
@FunctionalInterface
public interface Browser {
    /** True when a browser was (probably) opened; false when the user must open the URL themselves. */
    boolean open(URI uri);
}
