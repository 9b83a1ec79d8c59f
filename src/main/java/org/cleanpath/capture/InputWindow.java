package org.cleanpath.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A window onto the input bytes that the readers slide forward on demand.
 *
 * <p>The window exposes its state as plain fields so that a reader can copy them into its own
 * fields and walk records without a call per record: {@code buf} index {@code i} holds input
 * byte {@code base + i}, for {@code i < limit}. The buffer is always big-endian (network order),
 * because frames are handed to decoders in it and their protocol fields are big-endian.
 */
abstract class InputWindow implements Closeable {
    /** Largest record or block we accept; anything bigger is damage, not data. */
    static final int MAX_RECORD = 256 << 20;

    ByteBuffer buf;
    long base;
    int limit;

    /**
     * Moves the window so that input bytes {@code [pos, pos + n)} are in {@link #buf}. Bytes
     * before {@code pos} may be dropped, so frames handed out earlier become invalid.
     *
     * <p>Callers check {@code n} against {@link #MAX_RECORD} first, so a damaged length field
     * never makes the window allocate or map gigabytes.
     *
     * @return false if the input ends before {@code pos + n}; {@link #end()} is known then
     */
    abstract boolean cover(long pos, long n) throws IOException;

    /** Input size in bytes, or -1 while it is not known yet (a stream not read to its end). */
    abstract long end();
}
