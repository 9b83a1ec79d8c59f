package org.cleanpath.attribute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Attributes addresses through a bounded Caffeine cache in front of {@link GeoDatabases}: a
 * capture repeats the same few thousand addresses, and a cache hit costs a hash probe where a
 * lookup walks up to 128 tree nodes and decodes a record. Thread-safe.
 */
public final class Attributor {
    /** Default number of cached addresses: enough for the busy hosts of a large capture. */
    public static final long DEFAULT_CACHE_SIZE = 100_000;

    private final GeoDatabases databases;
    private final Cache<IpAddress, Attribution> cache;

    private Attributor(GeoDatabases databases, long cacheSize) {
        this.databases = Objects.requireNonNull(databases);
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).recordStats().build();
    }

    public static Attributor of(GeoDatabases databases) {
        return new Attributor(databases, DEFAULT_CACHE_SIZE);
    }

    public static Attributor of(GeoDatabases databases, long cacheSize) {
        return new Attributor(databases, cacheSize);
    }

    /** Attributes an address in the two-long layout of {@code IpLayer} (IPv4 as ::ffff:a.b.c.d). */
    public Attribution attribute(long hi, long lo) {
        return attribute(new IpAddress(hi, lo));
    }

    public Attribution attribute(InetAddress address) {
        return attribute(IpAddress.of(address));
    }

    public Attribution attribute(IpAddress address) {
        AddressClass addressClass = AddressClass.of(address);
        // Special addresses are classified by arithmetic; caching them would only evict real entries.
        if (!addressClass.isPublic()) return Attribution.special(address, addressClass);
        // getIfPresent + put rather than get(key, loader): measured about twice as fast here, because
        // a hit skips the compute path's locking; two threads missing the same key at once merely
        // look it up twice.
        Attribution cached = cache.getIfPresent(address);
        if (cached != null) {
            return cached;
        }
        Attribution fresh = databases.lookup(address);
        cache.put(address, fresh);
        return fresh;
    }

    /** Hit and miss counts of the cache so far. */
    public CacheStats stats() {
        return cache.stats();
    }

    public GeoDatabases databases() {
        return databases;
    }
}
