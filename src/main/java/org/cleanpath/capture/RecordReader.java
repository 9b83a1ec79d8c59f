package org.cleanpath.capture;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the pcap and pcapng readers share: the window they walk, header reads in the file's byte
 * order, and the rule that after the end or after damage {@code next} returns false.
 *
 * <p>Hand-tuned on purpose: the readers copy the window's buffer, base and limit into fields of
 * their own and check them inline, so walking a record in the window costs a few absolute reads
 * and no call into the window and no allocation.
 */
abstract class RecordReader implements CaptureReader {
    private final String source;
    private final InputWindow input;

    /** Copy of {@code input.buf}; big-endian, because frames go to decoders in it. */
    ByteBuffer buf;
    /** Input offset of {@code buf} index 0. */
    long base;
    /** Valid bytes in {@code buf}; {@link #STOPPED} once the reader is done, failing every bounds check. */
    int limit;
    /**
     * True when the file's byte order is little-endian. Header fields are read big-endian from
     * the one network-order buffer and swapped with {@code Integer.reverseBytes} (an intrinsic,
     * one instruction) rather than read through a second little-endian view of the buffer: that
     * keeps a single buffer per window, which is what the frames point into.
     */
    boolean swap;

    private static final int STOPPED = Integer.MIN_VALUE;

    RecordReader(String source, InputWindow input) {
        this.source = source;
        this.input = input;
        sync();
    }

    @Override
    public final String source() {
        return source;
    }

    final int int32(int i) {
        int v = buf.getInt(i);
        return swap ? Integer.reverseBytes(v) : v;
    }

    final long uint32(int i) {
        return int32(i) & 0xFFFF_FFFFL;
    }

    final int uint16(int i) {
        short v = buf.getShort(i);
        return (swap ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    final long int64(int i) {
        long v = buf.getLong(i);
        return swap ? Long.reverseBytes(v) : v;
    }

    /** Index of input offset {@code pos} in {@link #buf}. */
    final int index(long pos) {
        return (int) (pos - base);
    }

    /**
     * Makes input bytes {@code [pos, pos + n)} readable in {@link #buf}.
     *
     * @return false if the input ends first; {@link #remaining(long)} is then exact
     */
    final boolean cover(long pos, long n) throws IOException {
        if (limit == STOPPED) {
            return false;
        }
        boolean covered = input.cover(pos, n);
        sync();
        return covered;
    }

    /** Bytes left from {@code pos} to the end of input, or -1 when the end is not known yet. */
    final long remaining(long pos) {
        long end = input.end();
        return end < 0 ? -1 : end - pos;
    }

    /**
     * Checks a length read from a record header, then brings the record, header included, into
     * the window.
     *
     * @param recordOffset where the record (and its header) starts, for the report
     * @param bodyOffset where the {@code bodyLength} bytes the header claims start
     * @param what the header's claim in words, as in "record header claims 524501 captured bytes"
     */
    final void requireBody(long recordOffset, long bodyOffset, long bodyLength, String what) throws IOException {
        long left = remaining(bodyOffset);
        if (left >= 0 && bodyLength > left) {
            throw damage(recordOffset, what + " but only " + left + " remain (file cut short?)");
        }
        if (bodyLength > InputWindow.MAX_RECORD) {
            throw damage(recordOffset, what + ", more than the " + (InputWindow.MAX_RECORD >> 20)
                    + " MiB any real record needs (damaged length field?)");
        }
        if (!cover(recordOffset, bodyOffset - recordOffset + bodyLength)) {
            throw damage(recordOffset, what + " but only " + remaining(bodyOffset) + " remain (file cut short?)");
        }
    }

    /**
     * Handles input that ends at {@code pos} or within the {@code headerLength} bytes after it.
     *
     * @return false for a clean end; throws when the input stops inside a header
     */
    final boolean endOrCutHeader(long pos, int headerLength, String header) throws IOException {
        long left = remaining(pos);
        if (left <= 0) {
            return stop();
        }
        throw damage(pos, "file ends " + left + (left == 1 ? " byte" : " bytes") + " into a " + headerLength
                + "-byte " + header + " (file cut short?)");
    }

    final boolean stopped() {
        return limit == STOPPED;
    }

    /** Marks the clean end: every later {@code next} returns false. */
    final boolean stop() {
        limit = STOPPED;
        return false;
    }

    /** Marks the input damaged at {@code offset}; every later {@code next} returns false. */
    final CaptureException damage(long offset, String problem) {
        stop();
        return new CaptureException(source, offset, problem);
    }

    private void sync() {
        buf = input.buf;
        base = input.base;
        limit = input.limit;
    }

    @Override
    public void close() throws IOException {
        stop();
        input.close();
    }
}
