package org.cleanpath.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes frames to a capture file. The file appears under its final name only when {@link #close()}
 * succeeds, so a killed process or an {@link #abort()} never leaves a half-written capture behind.
 * Not thread-safe.
 */
public interface CaptureWriter extends Closeable {

    /**
     * Appends one frame. {@code capturedLength} is cut to the snap length; {@code originalLength} is
     * the length on the wire and is kept as given (at least the bytes written).
     */
    void write(long timestampNanos, byte[] data, int offset, int capturedLength, int originalLength) throws IOException;

    /** As {@link #write(long, byte[], int, int, int)}, reading {@code data} with absolute gets only. */
    void write(long timestampNanos, ByteBuffer data, int offset, int capturedLength, int originalLength) throws IOException;

    /** Appends a whole frame as captured. */
    default void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length, frame.length);
    }

    /** Appends a frame handed over by a {@link CaptureReader}, for evidence captures. */
    default void write(Frame frame) throws IOException {
        write(frame.timestampNanos, frame.buffer, frame.offset, frame.capturedLength, frame.originalLength);
    }

    /** Discards everything written; the final file is not created (an existing one is left as it was). */
    void abort() throws IOException;

    /** Flushes and moves the file to its final name. */
    @Override
    void close() throws IOException;
}
