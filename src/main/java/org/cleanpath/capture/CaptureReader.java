package org.cleanpath.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads frames one at a time from a capture file or stream. Not thread-safe.
 *
 * <p>A frame's bytes live in the reader's buffer, which may be a mapping of the file: they are
 * valid until the next call to {@link #next} or {@link #close}, and must not be read after that.
 */
public interface CaptureReader extends Closeable {

    /**
     * Fills {@code frame} with the next frame.
     *
     * @return false at the clean end of the input
     * @throws CaptureException when the input is damaged; frames returned before stay valid and the
     *     reader returns false afterwards
     */
    boolean next(Frame frame) throws IOException;

    /** Human name of the container, such as "pcap (little-endian, microseconds)". */
    String format();

    /** Name of the input as the user gave it, for messages. */
    String source();
}
