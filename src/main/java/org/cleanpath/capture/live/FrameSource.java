package org.cleanpath.capture.live;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where {@code cleanpath monitor} gets frames: pushes them to a {@link FrameHandler} until stopped
 * or exhausted.
 *
 * <p>Run it on a thread of its own; {@link #stop()}, {@link #stats()} and {@link #describe()} may be
 * called from any thread.
 */
public interface FrameSource extends Closeable {

    /**
     * Delivers frames to {@code handler} on the calling thread; returns once {@link #stop()} was
     * called or the input is exhausted (a live capture is never exhausted).
     *
     * @throws IOException if the source fails; frames delivered before stay delivered
     * @throws RuntimeException what {@code handler} threw, after the source stopped
     */
    void run(FrameHandler handler) throws IOException;

    /** Asks {@link #run} to return soon; safe to call from any thread, before, during or after it. */
    void stop();

    /** The counters so far (or, after {@link #run} returned, the final counters). */
    CaptureStats stats();

    /** One line naming the source for logs and status pages, such as "live eth0 (filter: udp)". */
    String describe();

    /** Releases the source's resources; the default has none. */
    @Override
    default void close() throws IOException {}
}
