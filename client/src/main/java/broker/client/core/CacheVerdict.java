package broker.client.core;

/** What the refresh-ahead policy makes of the cache for one request. */
public sealed interface CacheVerdict<T> {
    /** More than the refresh-ahead margin is left: serve it, no broker call. */
    record Fresh<T>(Cached<T> cached) implements CacheVerdict<T> {}

    /** Inside the refresh-ahead margin but still usable: refresh, and serve this if the refresh fails. */
    record RefreshDue<T>(Cached<T> stillUsable) implements CacheVerdict<T> {}

    /** Nothing cached, or too close to expiry to hand out: refresh, with nothing to fall back to. */
    record Unusable<T>(String reason) implements CacheVerdict<T> {}
}
