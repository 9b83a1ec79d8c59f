package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.decode.PacketDecoder;

/**
 * Fuzzes the decode stage: any frame bytes on any supported link type decode to an outcome, never
 * an exception, and what the decoders report lies inside the frame.
 */
class DecoderFuzzTest {
    /** Link types the first input byte picks from; 147 is unsupported on purpose. */
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.RAW, LinkType.IPV4, LinkType.IPV6,
        LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP, LinkType.PPP, 147,
        LinkType.DSA_TAG_BRCM, LinkType.DSA_TAG_BRCM_PREPEND};

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();

    /** First byte: link type (low nibble) and whether the frame claims more bytes on the wire (high bit). */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int linkType = LINK_TYPES[(data[0] & 0x0f) % LINK_TYPES.length];
        // The frame sits at a non-zero offset inside a larger buffer, as it does in a mapped file.
        byte[] backing = new byte[data.length + 8];
        System.arraycopy(data, 1, backing, 5, data.length - 1);
        decode(ByteBuffer.wrap(backing, 0, 5 + data.length - 1).slice(), 5, data.length - 1, linkType,
                (data[0] & 0x80) != 0);
    }

    /** Decodes one frame and checks the packet view stays inside it. */
    Outcome decode(ByteBuffer buffer, int offset, int length, int linkType, boolean truncated) {
        Frame frame = new Frame();
        frame.buffer = buffer;
        frame.offset = offset;
        frame.capturedLength = length;
        frame.originalLength = truncated ? length + 100 : length;
        frame.linkType = linkType;
        Outcome outcome = decoder.decode(frame, packet);
        assertNotNull(outcome);
        int end = offset + length;
        for (int i = 0; i < packet.ipCount; i++) {
            IpLayer ip = packet.ip[i];
            // A TCP data offset past the frame leaves payloadOffset beyond it: fine, nothing is captured there.
            if (ip.hasTransport && ip.capturedPayloadLength != 0) {
                assertTrue(ip.payloadOffset >= offset && ip.capturedPayloadLength > 0
                        && ip.payloadOffset + ip.capturedPayloadLength <= end,
                        "payload inside the frame: " + ip.payloadOffset + "+" + ip.capturedPayloadLength + " > " + end);
            }
        }
        assertTrue(outcome != Outcome.DECODED || packet.ipCount > 0, "decoded means an IP layer");
        return outcome;
    }
}
