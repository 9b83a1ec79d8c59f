package org.cleanpath.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** The hot path allocates nothing per frame: the reason the decoders are hand-written. */
class AllocationTest {

    @Test
    void decodingAllocatesNothingPerFrame() throws IllegalAccessException {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<byte[]> raw = RobustnessTest.corpusFrames();
        Frame[] frames = new Frame[raw.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = TestFrames.frame(LinkType.ETHERNET, raw.get(i), raw.get(i).length);
        }
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        int rounds = 10_000;
        decodeAll(decoder, packet, frames, rounds / 4); // class loading and JIT allocate once

        long before = threads.getCurrentThreadAllocatedBytes();
        decodeAll(decoder, packet, frames, rounds);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        long decoded = (long) rounds * frames.length;
        // One object per frame would be at least 16 bytes a frame; allow stray bytes from the JVM.
        assertTrue(allocated < decoded / 100, allocated + " bytes allocated for " + decoded + " frames");
    }

    private static void decodeAll(PacketDecoder decoder, Packet packet, Frame[] frames, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (Frame f : frames) {
                decoder.decode(f, packet);
            }
        }
    }
}
