package broker.client.core;

/** Asks the broker for a new value on behalf of the signed-in user. */
@FunctionalInterface
public interface Issuer<T> {
    Result<Issued<T>> issue(String idToken);
}
