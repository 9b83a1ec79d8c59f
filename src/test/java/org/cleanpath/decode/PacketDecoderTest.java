package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    @Test
    void unknownLinkType_isUnsupported() {
        Packet p = decode(147, CorpusFrames.SCTP);

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.UNSUPPORTED_LINK_TYPE, p.reason);
    }

    @Test
    void outBufferIsTheFramesBuffer() {
        Frame f = frame(LinkType.ETHERNET, CorpusFrames.SCTP);
        Packet p = decode(f);

        assertSame(f.buffer, p.buffer);
    }

    @Test
    void reusedPacket_carriesNothingOverFromTheFrameBefore() {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        decoder.decode(frame(LinkType.ETHERNET, CorpusFrames.QINQ_GTP_IPV6), p);

        Outcome outcome = decoder.decode(frame(LinkType.LINUX_SLL, CorpusFrames.SLL_TCP), p);

        assertEquals(Outcome.DECODED, outcome);
        assertEquals(1, p.ipCount);
        assertEquals(0, p.vlanCount);
        assertEquals(-1, p.dstMac);
        assertEquals(Tunnel.NONE, p.ip[0].tunnel);
        assertEquals(-1, p.ip[0].tunnelId);
        assertEquals(0, p.ip[1].version);
        assertFalse(p.truncated);
        assertNull(p.reason);
    }

    @Test
    void tunnelFactsOfANonIpInnerFrame_doNotLeakIntoTheNextFrame() {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        // VXLAN carrying ARP leaves the VXLAN facts pending when decoding stops.
        String arpOverVxlan = TestFrames.ethernet("0800", TestFrames.ipv4(17, "0a000001", "0a000002",
                TestFrames.udp(50000, 4789, "08000000" + "00000100" + TestFrames.from(CorpusFrames.SLL2_ARP, 20)
                        .replaceFirst("^", "0a00000000030a0000000004" + "0806"))));
        decoder.decode(frame(LinkType.ETHERNET, arpOverVxlan), p);
        assertEquals(1, p.ipCount);

        decoder.decode(frame(LinkType.RAW, TestFrames.from(CorpusFrames.SCTP, 14)), p);

        assertEquals(Tunnel.NONE, p.ip[0].tunnel);
    }
}
