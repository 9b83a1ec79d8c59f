package org.cleanpath.capture;

import java.nio.ByteBuffer;

/**
 * One captured frame as a reader hands it over: a view into the reader's buffer, valid only until
 * the reader's next call.
 *
 * <p>Mutable and reused on purpose: this is the per-packet hot path, and one object per packet
 * costs measurable throughput at millions of packets per second.
 */
public final class Frame {
    /**
     * Holds the frame bytes at {@link #offset}; read with absolute gets only, never flip or move it.
     * Its byte order is big-endian (network order), so {@code getShort}/{@code getInt} read
     * protocol fields as they are on the wire. It may be a mapping of the file that is released
     * when the reader moves on or closes: never keep it past the next call.
     */
    public ByteBuffer buffer;
    /** Index of the first frame byte in {@link #buffer}. */
    public int offset;
    /** Bytes present in the capture (at most the snap length). */
    public int capturedLength;
    /** Length of the frame on the wire. */
    public int originalLength;
    /** Capture time, nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** LINKTYPE_* value of the interface the frame was captured on. */
    public int linkType;
    /** pcapng interface id (0 for classic pcap). */
    public int interfaceId;
    /** Byte offset of the frame's record in the (decompressed) input, for error messages. */
    public long recordOffset;

    public boolean isTruncated() {
        return capturedLength < originalLength;
    }
}
