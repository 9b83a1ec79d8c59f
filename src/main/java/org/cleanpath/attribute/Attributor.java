package org.cleanpath.attribute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.cleanpath.attribute.names.BatchedMaintenance;

/**
 * Attributes addresses, once per address rather than per flow or packet, through caches in front of
 * {@link GeoDatabases}. Thread-safe.
 *
 * <ul>
 *   <li>For an IPv4 address whose whole /16 the databases answer alike, that block's answer
 *       ({@link GeoDatabases#ipv4Block}), known once one address of the block was looked up.
 *   <li>A direct-mapped front table of recent addresses: a hit is one array read. A capture repeats
 *       its addresses (on the 2M-packet benchmark 62,693 distinct addresses make 211,920 endpoint
 *       lookups; without the block answers the table answers 68 % of them, with a quarter of its
 *       slots 62 %, and with them 77 % are hits in either).
 *   <li>Behind it, optionally, a bounded Caffeine cache. It is always there when a database is read
 *       through MaxMind's readers, whose lookups cost 5-20 us. The ASN and Country layouts are
 *       searched directly ({@code MmdbSearch}, about 1 us, bound by memory latency); for them the
 *       Caffeine tier pays in a long run whose working set fits it (warm, 8.9 M lookups/s against
 *       3.3 M with the front table alone, bench/attribution.md), so {@code monitor} uses it, but in a
 *       two-second offline run it is cold: it made the benchmark's lookups 2.5 times slower and took
 *       the offline pipeline from 84 % to 71 % of its speed without attribution. {@link #of} leaves it
 *       out there; {@link #withCaffeine} puts it in.
 * </ul>
 * Both count hits and misses in {@link #stats()}, for the run summary and the metrics.
 */
public final class Attributor {
    /** Default number of addresses the Caffeine cache holds. */
    public static final long DEFAULT_CACHE_SIZE = 100_000;

    /**
     * Slots of the front table: 256k references (1 MiB), filled with attributions shared with the
     * cache. Against 64k slots, the benchmark's lookups past the table went from 81k to 68k for its
     * 62.7k distinct addresses, and flows took 2.48 s of CPU against 2.67 s (medians of 10 runs).
     */
    private static final int FRONT_BITS = 18;
    private static final int MAINTENANCE_BATCH = 64;

    private final GeoDatabases databases;
    private final long cacheSize;
    private final boolean caffeineBehindFront;
    /**
     * Slots hold immutable entries, so racing threads at worst overwrite each other's entry. An
     * entry carries its address's two longs, so a probe reads one object, not three.
     */
    private final FrontEntry[] front = new FrontEntry[1 << FRONT_BITS];

    private static final class FrontEntry {
        final long hi;
        final long lo;
        final Attribution attribution;

        FrontEntry(long hi, long lo, Attribution attribution) {
            this.hi = hi;
            this.lo = lo;
            this.attribution = attribution;
        }
    }
    /**
     * Lookup counts, one set per thread that attributes, so that no two threads ever write the same
     * counter. Shared {@code LongAdder}s were inflated by the two writer (or judging) threads' first
     * collision, part way into a run, and that sent every compiled caller of {@link #attribute} back
     * to the interpreter to be compiled again.
     */
    private final Queue<Counts> countsOfThreads = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Counts> counts = ThreadLocal.withInitial(() -> {
        Counts c = new Counts();
        countsOfThreads.add(c);
        return c;
    });

    /**
     * One thread's counts. Only that thread writes them, so an increment is a read and a release
     * store, no atomic read-modify-write; {@link #stats()} reads them from any thread.
     */
    private static final class Counts {
        final AtomicLong frontHits = new AtomicLong();
        final AtomicLong directLookups = new AtomicLong();
        final AtomicLong frontReplacements = new AtomicLong();

        static void increment(AtomicLong count) {
            count.lazySet(count.get() + 1);
        }
    }
    private final BatchedMaintenance maintenance = new BatchedMaintenance(MAINTENANCE_BATCH);
    private volatile Cache<IpAddress, Attribution> cache;

    private Attributor(GeoDatabases databases, long cacheSize, boolean caffeineBehindFront) {
        this.databases = Objects.requireNonNull(databases);
        this.cacheSize = cacheSize;
        this.caffeineBehindFront = caffeineBehindFront;
    }

    /** An attributor with the default cache size; Caffeine is used when a database needs MaxMind's readers. */
    public static Attributor of(GeoDatabases databases) {
        return of(databases, DEFAULT_CACHE_SIZE);
    }

    public static Attributor of(GeoDatabases databases, long cacheSize) {
        return new Attributor(databases, cacheSize, !databases.allSearched());
    }

    /** An attributor that puts the Caffeine cache behind its front table whatever the databases. */
    public static Attributor withCaffeine(GeoDatabases databases, long cacheSize) {
        return new Attributor(databases, cacheSize, true);
    }

    /** Whether lookups past the front table go through the Caffeine cache. */
    public boolean usesCaffeine() {
        return caffeineBehindFront;
    }

    /**
     * The Caffeine cache, built on first use: that is on the thread that writes flows, so a short
     * offline run does not spend its packet loop's first tens of milliseconds loading Caffeine.
     */
    private Cache<IpAddress, Attribution> cache() {
        Cache<IpAddress, Attribution> c = cache;
        if (c != null) return c;
        synchronized (this) {
            if (cache == null) {
                cache = Caffeine.newBuilder()
                        .initialCapacity((int) Math.min(cacheSize, 1 << 16))
                        .maximumSize(cacheSize)
                        .executor(maintenance)
                        .recordStats()
                        .build();
            }
            return cache;
        }
    }

    /** Attributes an address in the two-long layout of {@code IpLayer} (IPv4 as ::ffff:a.b.c.d). */
    public Attribution attribute(long hi, long lo) {
        if (IpAddress.isIpv4(hi, lo)) {
            Attribution wholeBlock = databases.ipv4Block((int) (lo >>> 16));
            if (wholeBlock != null) {
                Counts.increment(counts.get().frontHits);
                return wholeBlock;
            }
        }
        int slot = frontSlot(hi, lo);
        FrontEntry recent = front[slot];
        if (recent != null && recent.hi == hi && recent.lo == lo) {
            Counts.increment(counts.get().frontHits);
            return recent.attribution;
        }
        return attributeAfresh(new IpAddress(hi, lo), slot);
    }

    public Attribution attribute(InetAddress address) {
        return attribute(IpAddress.of(address));
    }

    public Attribution attribute(IpAddress address) {
        return attribute(address.hi(), address.lo());
    }

    /** The path past the front table, kept apart so the JIT compiles it once, not into every caller. */
    private Attribution attributeAfresh(IpAddress address, int slot) {
        AddressClass addressClass = AddressClass.of(address);
        // Special addresses are classified by arithmetic; caching them would only evict real entries.
        if (!addressClass.isPublic()) return Attribution.special(addressClass);
        Counts mine = counts.get();
        Attribution found;
        if (caffeineBehindFront) {
            // getIfPresent + put rather than get(key, loader): a hit skips the compute path's locking;
            // two threads missing the same key at once merely look it up twice.
            Cache<IpAddress, Attribution> c = cache();
            found = c.getIfPresent(address);
            if (found == null) {
                found = databases.lookup(address, addressClass);
                c.put(address, found);
                maintenance.afterWrite();
            }
        } else {
            found = databases.lookup(address, addressClass);
            Counts.increment(mine.directLookups);
        }
        // An address whose IPv4 block the lookup made known is answered by the block from now on.
        if (address.isIpv4() && databases.ipv4Block((int) (address.lo() >>> 16)) != null) return found;
        if (front[slot] != null) Counts.increment(mine.frontReplacements);
        front[slot] = new FrontEntry(address.hi(), address.lo(), found);
        return found;
    }

    private static int frontSlot(long hi, long lo) {
        long h = (hi * 0x9E37_79B9_7F4A_7C15L ^ lo) * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h >>> (64 - FRONT_BITS));
    }

    /**
     * Hits and misses so far over all tiers: a block answer or a hit in the front table or in
     * Caffeine is a hit, a database lookup a miss; evictions are Caffeine's plus front-table slots
     * taken over.
     */
    public CacheStats stats() {
        long hits = 0, lookups = 0, replacements = 0;
        for (Counts c : countsOfThreads) {
            hits += c.frontHits.get();
            lookups += c.directLookups.get();
            replacements += c.frontReplacements.get();
        }
        CacheStats front = CacheStats.of(hits, lookups, 0, 0, 0, replacements, 0);
        if (!caffeineBehindFront) return front;
        Cache<IpAddress, Attribution> c = cache();
        c.cleanUp();
        return c.stats().plus(front);
    }

    public GeoDatabases databases() {
        return databases;
    }
}
