package org.cleanpath.attribute.names;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A Caffeine {@link Ticker} that tells packet time instead of wall time: the caller advances it to
 * each packet's timestamp, so expiry depends on the capture alone and an offline run agrees with a
 * live one. Time never goes back: an older timestamp (reordered capture) leaves it where it is.
 */
public final class PacketTicker implements Ticker {
    private volatile long nanos;

    /** Moves the clock to {@code packetNanos} (nanoseconds since the epoch) unless it is already later. */
    public void advanceTo(long packetNanos) {
        if (packetNanos > nanos) {
            nanos = packetNanos;
        }
    }

    @Override
    public long read() {
        return nanos;
    }
}
