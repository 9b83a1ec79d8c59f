package org.cleanpath.capture.live;

import java.util.concurrent.CountDownLatch;

/** What the file-backed sources share: a stop signal that also wakes their waits, and a frame count. */
abstract class FileSource implements FrameSource {
    /** Counts down once on {@link #stop()}; sources wait on it so that stopping wakes them. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** Frames handed to the handler; written by the running thread only. */
    volatile long delivered;

    final boolean isStopped() {
        return stopped.getCount() == 0;
    }

    @Override
    public final void stop() {
        stopped.countDown();
    }

    /** received = frames delivered; files drop nothing, so the drop counters are unknown. */
    @Override
    public final CaptureStats stats() {
        return CaptureStats.received(delivered);
    }
}
