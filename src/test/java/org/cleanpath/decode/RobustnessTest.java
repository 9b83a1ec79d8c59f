package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.bytes;
import static org.cleanpath.decode.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** The decoder never throws, whatever the bytes, and what it reports stays self-consistent. */
class RobustnessTest {
    private static final int[] LINK_TYPES = {
        LinkType.NULL, LinkType.ETHERNET, LinkType.PPP, LinkType.RAW_BSD, LinkType.RAW_BSD_ALT, LinkType.RAW,
        LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 147, -1
    };

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();

    @Test
    void everyPrefixOfEveryCorpusFrame_underEveryLinkType() throws IllegalAccessException {
        for (byte[] whole : corpusFrames()) {
            for (int linkType : LINK_TYPES) {
                for (int len = 0; len <= whole.length; len++) {
                    check(frame(linkType, Arrays.copyOf(whole, len), whole.length));
                    if (len < whole.length && packet.outcome != Outcome.UNDECODABLE) {
                        assertTrue(packet.truncated, "a cut frame must be flagged truncated");
                    }
                }
            }
        }
    }

    @Test
    void randomBytes_underEveryLinkType() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(0, 300)];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) random.nextInt(256);
            }
            check(frame(LINK_TYPES[i % LINK_TYPES.length], data, data.length));
        }
    }

    @Test
    void corpusFramesWithRandomByteFlips() throws IllegalAccessException {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> frames = corpusFrames();
        for (int i = 0; i < 30_000; i++) {
            byte[] data = frames.get(i % frames.size()).clone();
            for (int flips = random.nextInt(1, 6); flips > 0; flips--) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            check(frame(i % 7 == 0 ? LinkType.RAW : LinkType.ETHERNET, data, data.length));
        }
    }

    @Test
    void brokenFrameObjects_areUndecodable() {
        Frame f = frame(LinkType.ETHERNET, new byte[20], 20);
        f.capturedLength = 1_000;
        check(f);
        f.offset = -5;
        check(f);
        f.buffer = null;
        check(f);
        assertEquals(Outcome.UNDECODABLE, packet.outcome);
    }

    private void check(Frame f) {
        Outcome outcome;
        try {
            outcome = decoder.decode(f, packet);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("decoder threw on link type " + f.linkType + " frame "
                    + (f.buffer == null ? "null" : TestFrames.hex(slice(f))), e);
        }
        assertEquals(outcome, packet.outcome);
        if (outcome == Outcome.UNDECODABLE) {
            assertNotNull(packet.reason);
        } else {
            assertNull(packet.reason);
        }
        if (outcome == Outcome.DECODED) {
            assertTrue(packet.ipCount > 0);
        }
        int end = f.offset + f.capturedLength;
        for (int i = 0; i < packet.ipCount; i++) {
            IpLayer l = packet.ip[i];
            assertTrue(l.version == 4 || l.version == 6);
            assertTrue(l.capturedPayloadLength >= 0 && l.capturedPayloadLength <= l.payloadLength);
            if (l.capturedPayloadLength > 0) {
                assertTrue(l.payloadOffset >= f.offset && l.payloadOffset + l.capturedPayloadLength <= end,
                        "captured payload lies inside the frame");
            }
        }
    }

    private static byte[] slice(Frame f) {
        byte[] b = new byte[Math.max(0, Math.min(f.capturedLength, f.buffer.capacity() - Math.max(0, f.offset)))];
        for (int i = 0; i < b.length; i++) {
            b[i] = f.buffer.get(Math.max(0, f.offset) + i);
        }
        return b;
    }

    /** Every frame constant of {@link CorpusFrames}. */
    static List<byte[]> corpusFrames() throws IllegalAccessException {
        List<byte[]> frames = new ArrayList<>();
        for (Field field : CorpusFrames.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                frames.add(bytes((String) field.get(null)));
            }
        }
        if (frames.isEmpty()) {
            fail("no corpus frames");
        }
        return frames;
    }
}
