package org.cleanpath.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Window onto input that cannot be mapped (standard input, pipes, gzip): a reusable heap array,
 * compacted when a record crosses its end and grown only when one record is larger than it.
 */
final class StreamWindow extends InputWindow {
    static final int DEFAULT_CAPACITY = 8 << 20;

    private final String source;
    private final InputStream in;
    private final boolean closeInput;
    private byte[] array;
    private long end = -1;

    StreamWindow(String source, InputStream in, boolean closeInput, int capacity) {
        this.source = source;
        this.in = in;
        this.closeInput = closeInput;
        this.array = new byte[capacity];
        this.buf = ByteBuffer.wrap(array);
    }

    @Override
    boolean cover(long pos, long n) throws IOException {
        if (pos >= base && pos + n <= base + limit) {
            return true;
        }
        if (end >= 0) {
            return false;
        }
        if (!compactTo(pos)) {
            return false;
        }
        while (limit < n) {
            if (limit == array.length) {
                // Grow in steps as data arrives, so a damaged length field in a short stream
                // costs no more memory than the stream holds.
                grow((int) Math.min(n, 2L * array.length));
            }
            int read = read(array, limit, array.length - limit);
            if (read < 0) {
                end = base + limit;
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** Drops the bytes before {@code pos}; false if the input ends before {@code pos}. */
    private boolean compactTo(long pos) throws IOException {
        long drop = pos - base;
        if (drop <= 0) {
            return true;
        }
        if (drop < limit) {
            System.arraycopy(array, (int) drop, array, 0, limit - (int) drop);
            limit -= (int) drop;
            base = pos;
            return true;
        }
        // pos lies beyond the buffered bytes: skip the gap (readers do not do this today)
        long skip = drop - limit;
        base += limit;
        limit = 0;
        while (skip > 0) {
            int read = read(array, 0, (int) Math.min(skip, array.length));
            if (read < 0) {
                end = base;
                return false;
            }
            base += read;
            skip -= read;
        }
        return true;
    }

    private void grow(int capacity) {
        byte[] bigger = new byte[Math.max(capacity, array.length)];
        System.arraycopy(array, 0, bigger, 0, limit);
        array = bigger;
        buf = ByteBuffer.wrap(array);
    }

    /** Reads, turning a damaged gzip stream into a damage report at the offset reached. */
    private int read(byte[] into, int off, int len) throws IOException {
        try {
            return in.read(into, off, len);
        } catch (ZipException | EOFException e) {
            throw new CaptureException(source, base + limit, "gzip data damaged: " + e.getMessage());
        }
    }

    @Override
    long end() {
        return end;
    }

    @Override
    public void close() throws IOException {
        limit = 0;
        if (closeInput) {
            in.close();
        }
    }
}
