package org.cleanpath.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The frames of one scenario being built, with the scenario's only source of randomness, so that the
 * same seed always gives the same bytes.
 */
final class Trace {
    private final Random random;
    private final long startNanos;
    private final List<TimedFrame> frames = new ArrayList<>();
    private int ipId;

    Trace(long seed, Instant start) {
        this.random = new Random(seed);
        this.startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        this.ipId = random.nextInt(0x10000);
    }

    Random random() {
        return random;
    }

    /** Capture time {@code seconds} after the start of the trace. */
    long at(double seconds) {
        return startNanos + Math.round(seconds * 1e9);
    }

    void add(long timestampNanos, byte[] frame) {
        frames.add(new TimedFrame(timestampNanos, frame));
    }

    /** IPv4 identification for packets that do not belong to a {@link Flow} (tunnel headers). */
    int nextIpId() {
        ipId = (ipId + 1 + random.nextInt(4)) & 0xffff;
        return ipId;
    }

    /** A flow from {@code client} to {@code server} starting {@code seconds} into the trace. */
    Flow flow(Carrier carrier, String client, int clientPort, String server, int serverPort, double seconds) {
        return new Flow(this, carrier, Packets.address(client), clientPort, Packets.address(server), serverPort,
                at(seconds));
    }

    /** An ephemeral client port, as Linux picks them (32768-60999). */
    int ephemeralPort() {
        return 32768 + random.nextInt(60999 - 32768 + 1);
    }

    /** The frames in capture order (stable for equal times). */
    List<TimedFrame> frames() {
        List<TimedFrame> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparingLong(TimedFrame::timestampNanos));
        return sorted;
    }
}
