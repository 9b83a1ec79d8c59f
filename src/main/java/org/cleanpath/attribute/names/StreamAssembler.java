package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Puts the first bytes of a byte stream back together from pieces at stream offsets: TCP segments
 * (offset = seq - initial seq) or QUIC CRYPTO frames. Bounded to {@code capacity} bytes; overlaps
 * (retransmissions) are written again, pieces after a gap wait in a few pending ranges.
 */
final class StreamAssembler {
    // Chrome cuts its QUIC ClientHello into many CRYPTO frames sent out of order, so allow a good few.
    private static final int MAX_PENDING = 32;

    private final int capacity;
    private byte[] bytes;
    private int contiguous;
    private final int[] pendingStart = new int[MAX_PENDING];
    private final int[] pendingEnd = new int[MAX_PENDING];
    private int pendingCount;
    private boolean started;
    private long isn;

    StreamAssembler(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[0]; // allocated by the first add: most collectors decide on a packet's own bytes
    }

    int capacity() {
        return capacity;
    }

    /** Sets the TCP sequence number of stream offset 0 unless a segment or call set it before. */
    void streamStartsAt(long seq) {
        if (!started) {
            started = true;
            isn = seq & 0xffff_ffffL;
        }
    }

    /** The stream offset of TCP sequence number {@code seq}, the first segment's setting the start when none was set (modulo 2^32). */
    int offsetOf(long seq) {
        streamStartsAt(seq);
        return (int) (seq - isn);
    }

    /** Writes a TCP segment's payload at its place in the stream (see {@link #offsetOf(long)}). */
    void addSegment(long seq, ByteBuffer buf, int offset, int length) {
        add(offsetOf(seq), buf, offset, length);
    }

    /** Writes {@code length} bytes of {@code buf} at {@code offset} to stream offset {@code at}; what falls outside [0, capacity) is dropped. */
    void add(long at, ByteBuffer buf, int offset, int length) {
        long from = Math.max(at, 0);
        long to = Math.min(at + length, capacity);
        if (to <= from) {
            return;
        }
        int start = (int) from;
        int end = (int) to;
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(Math.max(end, 2048), bytes.length * 2)));
        }
        buf.get(offset + (int) (from - at), bytes, start, end - start);
        if (start <= contiguous) {
            contiguous = Math.max(contiguous, end);
            absorbPending();
        } else if (pendingCount < MAX_PENDING) {
            pendingStart[pendingCount] = start;
            pendingEnd[pendingCount] = end;
            pendingCount++;
        }
    }

    private void absorbPending() {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i = 0; i < pendingCount; i++) {
                if (pendingStart[i] <= contiguous) {
                    contiguous = Math.max(contiguous, pendingEnd[i]);
                    pendingCount--;
                    pendingStart[i] = pendingStart[pendingCount];
                    pendingEnd[i] = pendingEnd[pendingCount];
                    grew = true;
                    break;
                }
            }
        }
    }

    /** Bytes from the stream start with no gap. */
    int contiguous() {
        return contiguous;
    }

    boolean full() {
        return contiguous >= capacity;
    }

    /** The contiguous bytes, as a buffer indexed from 0 (valid until the next {@link #add}). */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, contiguous);
    }
}
