package broker.client.core;

import java.util.Optional;

/** One cache entry on disk. Readers never see a partial write. */
public interface CacheSlot<T> {
    /** The entry, or empty when there is none or it cannot be read (a broken cache is a cache miss). */
    Optional<Cached<T>> read();

    /** Replaces the entry atomically. */
    Result<Void> write(Cached<T> entry);
}
