package org.cleanpath.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (little-endian, version 2.4) with microsecond or nanosecond timestamps.
 * Used by {@code cleanpath generate} and for evidence captures of flows.
 */
public final class PcapWriter extends FileCaptureWriter {
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int DEFAULT_SNAPLEN = 262144;

    private final boolean nanos;

    private PcapWriter(PendingFile file, int linkType, int snaplen, boolean nanos) throws IOException {
        super(file, snaplen);
        this.nanos = nanos;
        file.u32(nanos ? MAGIC_NANOS : MAGIC_MICROS);
        file.u16(2);
        file.u16(4);
        file.u32(0); // thiszone: timestamps are UTC
        file.u32(0); // sigfigs
        file.u32(snaplen);
        file.u32(linkType);
    }

    /**
     * Starts {@code target} (written as a hidden temporary file next to it until {@link #close()}).
     *
     * @param linkType a {@link LinkType} value
     * @param nanos true for nanosecond timestamps, false for microseconds
     */
    public static PcapWriter create(Path target, int linkType, int snaplen, boolean nanos) throws IOException {
        return open(target, snaplen, file -> new PcapWriter(file, linkType, snaplen, nanos));
    }

    /** Ethernet, {@link #DEFAULT_SNAPLEN}, microseconds: what tcpdump writes by default. */
    public static PcapWriter create(Path target) throws IOException {
        return create(target, LinkType.ETHERNET, DEFAULT_SNAPLEN, false);
    }

    @Override
    void recordHeader(long timestampNanos, int length, int originalLength) throws IOException {
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        file.u32(Math.floorDiv(timestampNanos, 1_000_000_000L));
        file.u32(nanos ? fraction : fraction / 1000);
        file.u32(length);
        file.u32(originalLength);
    }
}
