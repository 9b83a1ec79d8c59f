package org.cleanpath.decode;

import org.cleanpath.capture.Frame;

/** Entry point of the decode stage: one frame in, one filled {@link Packet} out. */
public final class PacketDecoder {

    /** Decodes {@code frame} into {@code out} (reset first) and returns the outcome. */
    public Outcome decode(Frame frame, Packet out) {
        out.reset();
        out.buffer = frame.buffer;
        out.undecodable(Undecodable.UNSUPPORTED_LINK_TYPE);
        return out.outcome;
    }
}
