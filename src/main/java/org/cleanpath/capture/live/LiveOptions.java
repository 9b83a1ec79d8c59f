package org.cleanpath.capture.live;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a network interface for live capture: the options of {@code tcpdump} that matter here.
 *
 * @param interfaceName the interface, as {@code ip link} names it (e.g. "eth0", "any")
 * @param snaplen bytes kept of each frame (default {@link #DEFAULT_SNAPLEN}, what tcpdump keeps)
 * @param promiscuous receive frames addressed to other hosts too (default on, as tcpdump)
 * @param bufferSize kernel capture buffer in bytes (tcpdump's {@code -B}); default {@link
 *     #DEFAULT_BUFFER_SIZE}, 0 for libpcap's own default of 2 MiB. The buffer rides out the moments
 *     the consumer does not read (GC, a busy machine). On a veth pair on a shared 2-core machine
 *     (bench/live-veth.sh, 10 s runs at 25 k packets/s up to the 160-290 k packets/s tcpreplay
 *     could send), 2 MiB dropped frames in 10 of 15 runs, 64 MiB in none of 15.
 * @param immediate hand over each frame as it arrives instead of batching until a block fills or
 *     the read timeout passes (lower latency, more wake-ups). On Linux libpcap then gives every
 *     frame a ring slot sized for the largest possible frame (64 KiB with offloads), so a 2 MiB
 *     buffer holds only 32 frames: on a veth pair it dropped 194 of 226 frames sent at full speed.
 * @param readTimeout how long libpcap may batch frames before handing them over
 * @param filter a tcpdump-syntax BPF filter, or empty for every frame; note that tagged frames
 *     match only filters that say {@code vlan} ("vlan and udp port 2152")
 */
public record LiveOptions(String interfaceName, int snaplen, boolean promiscuous, int bufferSize,
        boolean immediate, Duration readTimeout, Optional<String> filter) {

    public static final int DEFAULT_SNAPLEN = 262144;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(100);
    /** 64 MiB: about a second of 200 k packets/s of 300-byte frames, or 1024 frames in immediate mode. */
    public static final int DEFAULT_BUFFER_SIZE = 64 << 20;

    public LiveOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(filter, "filter");
        if (interfaceName.isBlank()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive, not " + snaplen);
        }
        if (bufferSize < 0) {
            throw new IllegalArgumentException("buffer size must be 0 (default) or positive, not " + bufferSize);
        }
        if (readTimeout.isNegative() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read timeout out of range: " + readTimeout);
        }
        filter = filter.filter(f -> !f.isBlank());
    }

    /** Defaults for {@code interfaceName}; change them with the builder's methods. */
    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    /** Collects the options; every one but the interface has a default. */
    public static final class Builder {
        private final String interfaceName;
        private int snaplen = DEFAULT_SNAPLEN;
        private boolean promiscuous = true;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private boolean immediate;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private String filter;

        private Builder(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        public Builder snaplen(int bytes) {
            this.snaplen = bytes;
            return this;
        }

        public Builder promiscuous(boolean on) {
            this.promiscuous = on;
            return this;
        }

        public Builder bufferSize(int bytes) {
            this.bufferSize = bytes;
            return this;
        }

        public Builder immediate(boolean on) {
            this.immediate = on;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** A tcpdump-syntax BPF filter; null or blank for none. */
        public Builder filter(String expression) {
            this.filter = expression;
            return this;
        }

        public LiveOptions build() {
            return new LiveOptions(interfaceName, snaplen, promiscuous, bufferSize, immediate, readTimeout,
                    Optional.ofNullable(filter));
        }
    }
}
