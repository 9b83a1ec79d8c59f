package org.cleanpath.capture.live;

import org.cleanpath.capture.Frame;

/** Receives each frame a {@link FrameSource} pushes, on the source's thread. */
@FunctionalInterface
public interface FrameHandler {
    /**
     * Called once per frame. The frame object and its buffer are reused: read what you need before
     * returning and keep nothing. An exception thrown here stops the source and comes out of {@link
     * FrameSource#run}.
     */
    void onFrame(Frame frame);
}
