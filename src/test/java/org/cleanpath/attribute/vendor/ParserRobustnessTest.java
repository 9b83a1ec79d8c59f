package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.CapturedFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The discovery parsers never throw, whatever the bytes, lengths and offsets. */
class ParserRobustnessTest {
    private static final List<String> FRAMES = List.of(CapturedFrames.CDP_S1, CapturedFrames.LLDP_S2, CapturedFrames.LLDP_S1, CapturedFrames.CDP_SW1);

    @Test
    void everyTruncationAndByteFlipOfRealFrames_parsesWithoutThrowing() {
        NeighborVendors vendors = NeighborVendors.defaults();
        for (String hex : FRAMES) {
            byte[] frame = bytes(hex);
            for (int len = 0; len <= frame.length; len++) {
                byte[] cut = Arrays.copyOf(frame, len);
                assertDoesNotThrow(() -> NeighborFrames.parse(ByteBuffer.wrap(cut), 0, cut.length).ifPresent(vendors::attribute));
            }
            for (int i = 0; i < frame.length; i++) {
                for (int v : new int[] {0x00, 0xff, frame[i] ^ 0x80}) {
                    byte[] bad = frame.clone();
                    bad[i] = (byte) v;
                    assertDoesNotThrow(() -> NeighborFrames.parse(ByteBuffer.wrap(bad), 0, bad.length).ifPresent(vendors::attribute));
                }
            }
        }
    }

    @Test
    void randomBytesAndBadBounds_parseWithoutThrowing() {
        Random random = new Random(20261127);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(600)];
            random.nextBytes(b);
            if (b.length > 14 && random.nextBoolean()) {
                b[12] = (byte) 0x88; // steer half of them into the LLDP parser
                b[13] = (byte) 0xcc;
                b[14] = 0x02;
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            int off = random.nextInt(b.length + 20) - 10;
            int len = random.nextInt(b.length + 20) - 10;
            assertDoesNotThrow(() -> NeighborFrames.parse(buf, off, len));
            assertDoesNotThrow(() -> Lldp.parse(buf, off, len, Mac.NONE));
            assertDoesNotThrow(() -> Cdp.parse(buf, off, len, Mac.NONE));
        }
    }

    @Test
    void lengthsBeyondTheBuffer_areCutToIt() {
        byte[] frame = bytes(CapturedFrames.CDP_S1);
        assertEquals(NeighborFrames.parse(ByteBuffer.wrap(frame), 0, frame.length),
                NeighborFrames.parse(ByteBuffer.wrap(frame), 0, Integer.MAX_VALUE));
    }
}
