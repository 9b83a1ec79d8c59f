package org.cleanpath.attribute.names;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cleanpath.flow.IpText;

/**
 * Which names resolved to an address, learnt from the DNS answers seen earlier in the capture.
 *
 * <p>Each name lives for its answer's TTL in <em>packet time</em> ({@link PacketTicker}), clamped to
 * [{@code minTtl}, {@code maxTtl}]: a floor because clients keep using an address a little past a
 * zero or tiny TTL, a ceiling because week-long TTLs would pin stale names. The cache holds at most
 * {@code maximumAddresses} addresses and {@link #MAX_NAMES_PER_ADDRESS} names per address; when it is
 * full, the addresses whose names expire soonest make room (a hundredth of the bound at a time).
 *
 * <p>Not for the per-packet path of every packet: call {@link #add(DnsMessage)} for DNS responses
 * and {@link #namesFor(long, long)} once per new flow. Written by one thread (the packet loop's).
 */
public final class NameCache {
    public static final int MAX_NAMES_PER_ADDRESS = 16;
    public static final long DEFAULT_MAXIMUM_ADDRESSES = 100_000;
    public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(1);

    /**
     * A cache key. A plain class, not a record: a record's equals and hashCode bootstrap method
     * handles on first use, some thirty generated classes that a short run pays for on the packet loop.
     */
    private static final class Address {
        final long hi;
        final long lo;

        Address(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && a.hi == hi && a.lo == lo;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hi * 31 + lo);
        }
    }

    /** One name of an address and the packet time (ticker nanos) it stops being valid. */
    private record Named(String name, long expiresAt) {}

    /**
     * Answers between maintenance runs: each run has a fixed cost (the lock, the expiry wheel), and
     * Caffeine's write buffer holds 256 pending writes on a 2-core machine (more with more cores).
     * On the benchmark's 14k answers the cache took 62 ms of the packet thread per run with 64, 45 ms
     * with 256 (3 profiled runs each).
     */
    private static final int MAINTENANCE_BATCH = 256;
    private static final int INITIAL_ADDRESSES = 1 << 14;
    private static final int ANSWERED_BITS = 20;

    private final PacketTicker ticker;
    private final long maximumAddresses;
    private final long minTtlNanos;
    private final long maxTtlNanos;
    private final Cache<Address, List<Named>> cache;
    private final BatchedMaintenance maintenance = new BatchedMaintenance(MAINTENANCE_BATCH);
    /**
     * One bit per address hash, set for every address an answer named: most new flows go to
     * addresses no DNS answer in the capture named, and this answers them with one array read
     * instead of a Caffeine probe on the packet loop; most answers name an address for the first
     * time, and it spares them the read before the write. Bits are never cleared; a set bit merely
     * sends the probe on to the cache.
     */
    private final long[] answered = new long[1 << (ANSWERED_BITS - 6)];

    /** A cache with the default size and TTL clamp on its own packet clock. */
    public NameCache() {
        this(new PacketTicker(), DEFAULT_MAXIMUM_ADDRESSES, DEFAULT_MIN_TTL, DEFAULT_MAX_TTL);
    }

    public NameCache(PacketTicker ticker, long maximumAddresses, Duration minTtl, Duration maxTtl) {
        this.ticker = ticker;
        this.maximumAddresses = Math.max(1, maximumAddresses);
        this.minTtlNanos = minTtl.toNanos();
        this.maxTtlNanos = Math.max(minTtlNanos, maxTtl.toNanos());
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                // On the packet loop's thread, every MAINTENANCE_BATCH answers (BatchedMaintenance).
                .executor(maintenance)
                // Sized for a capture's few thousand answered addresses up front: growing the map
                // from 16 slots was 6 % of the packet loop's time spent on DNS answers.
                .initialCapacity((int) Math.min(maximumAddresses, INITIAL_ADDRESSES))
                // Bounded by makeRoom, not by Caffeine's size eviction: its frequency sketch and LRU
                // queues were a tenth of a second per analyze run of the benchmark (mostly compiling
                // them), for a bound a capture rarely reaches.
                .expireAfter(new Expiry<Address, List<Named>>() {
                    @Override
                    public long expireAfterCreate(Address key, List<Named> value, long currentTime) {
                        return remaining(value, currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(Address key, List<Named> value, long currentTime, long currentDuration) {
                        return remaining(value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Address key, List<Named> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The packet clock; advance it per packet (or use {@link #advanceTo(long)}). */
    public PacketTicker ticker() {
        return ticker;
    }

    /** Moves packet time to {@code packetNanos} (nanoseconds since the epoch). */
    public void advanceTo(long packetNanos) {
        ticker.advanceTo(packetNanos);
    }

    /** Learns every address answer of a DNS response, under its whole name chain. Queries are ignored. */
    public void add(DnsMessage message) {
        if (!message.response()) {
            return;
        }
        for (DnsMessage.AddressAnswer a : message.addresses()) {
            List<String> chain = message.chainTo(a);
            if (!message.questions().isEmpty()) {
                String asked = message.questions().get(0).name();
                if (!chain.contains(asked)) {
                    chain.add(0, asked);
                }
            }
            add(a.hi(), a.lo(), chain, a.ttl());
        }
    }

    /** Learns that {@code names} (most important first) resolved to the address for {@code ttlSeconds}. */
    public void add(long hi, long lo, List<String> names, long ttlSeconds) {
        long now = ticker.read();
        long ttl = Math.min(maxTtlNanos, Math.max(minTtlNanos, Math.min(ttlSeconds, Long.MAX_VALUE / 1_000_000_000L) * 1_000_000_000L));
        long expiresAt = now + ttl;
        int bit = answeredBit(hi, lo);
        boolean answeredBefore = (answered[bit >>> 6] & (1L << bit)) != 0;
        answered[bit >>> 6] |= 1L << bit;
        maintenance.afterWrite();
        // Read, merge, put: the cache has one writer (the packet loop), so nothing changes between the
        // two calls, and this skips compute's per-entry locking and remapping function. An address
        // whose bit was clear has never been answered: no entry to read.
        Address key = new Address(hi, lo);
        List<Named> old = answeredBefore ? cache.getIfPresent(key) : null;
        if (old == null) {
            makeRoom();
        }
        List<Named> merged = new ArrayList<>(names.size() + (old == null ? 0 : old.size()));
        for (String n : names) {
            if (merged.size() < MAX_NAMES_PER_ADDRESS && indexOf(merged, n) < 0) {
                merged.add(new Named(n, expiresAt));
            }
        }
        if (old != null) {
            for (Named n : old) {
                if (merged.size() < MAX_NAMES_PER_ADDRESS && n.expiresAt() > now && indexOf(merged, n.name()) < 0) {
                    merged.add(n);
                }
            }
        }
        cache.put(key, List.copyOf(merged));
    }

    /**
     * Keeps the cache below its bound before a new address goes in: drops what has expired in packet
     * time and, if that is not enough, the addresses whose names expire soonest. They would leave
     * soonest anyway, and clients that use an address do so mostly right after its answer.
     */
    private void makeRoom() {
        if (cache.estimatedSize() < maximumAddresses) {
            return;
        }
        cache.cleanUp();
        long excess = cache.estimatedSize() - maximumAddresses + 1;
        if (excess > 0) {
            int batch = (int) Math.min(Integer.MAX_VALUE, Math.max(excess, maximumAddresses / 100));
            cache.policy().expireVariably().ifPresent(p -> cache.invalidateAll(p.oldest(batch).keySet()));
        }
    }

    /** The names that resolved to the address and have not expired in packet time, most recent first. */
    public List<String> namesFor(long hi, long lo) {
        int bit = answeredBit(hi, lo);
        if ((answered[bit >>> 6] & (1L << bit)) == 0) {
            return List.of();
        }
        List<Named> named = cache.getIfPresent(new Address(hi, lo));
        if (named == null) {
            return List.of();
        }
        long now = ticker.read();
        List<String> out = new ArrayList<>(named.size());
        for (Named n : named) {
            if (n.expiresAt() > now) {
                out.add(n.name());
            }
        }
        return List.copyOf(out);
    }

    /** Addresses currently held (an estimate, as Caffeine's). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** A copy of the live entries, address text to names, for reports and tests. */
    public Map<String, List<String>> snapshot() {
        cache.cleanUp();
        Map<String, List<String>> out = new TreeMap<>();
        cache.asMap().forEach((k, v) -> {
            List<String> names = namesFor(k.hi, k.lo);
            if (!names.isEmpty()) {
                out.put(IpText.format(k.hi, k.lo), names);
            }
        });
        return out;
    }

    private static int answeredBit(long hi, long lo) {
        long h = (hi * 0x9E37_79B9_7F4A_7C15L ^ lo) * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h >>> (64 - ANSWERED_BITS));
    }

    private static int indexOf(List<Named> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static long remaining(List<Named> value, long currentTime) {
        long latest = currentTime;
        for (Named n : value) {
            latest = Math.max(latest, n.expiresAt());
        }
        return latest - currentTime;
    }
}
