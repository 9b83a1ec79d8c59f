package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.bytes;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** Frames cut by the capture's snap length decode as far as their bytes go. */
class TruncationTest {

    private static Packet cut(String hex, int linkType, int captured) {
        byte[] whole = bytes(hex);
        return decode(frame(linkType, Arrays.copyOf(whole, captured), whole.length));
    }

    @Test
    void gtpCutInsideTheInnerPayload_keepsBothLayersAndTheInnerPorts() {
        Packet p = cut(CorpusFrames.N3_GTP_QFI, LinkType.ETHERNET, 100);

        assertEquals(Outcome.DECODED, p.outcome);
        assertTrue(p.truncated);
        assertEquals(2, p.ipCount);
        IpLayer inner = p.ip[1];
        assertEquals(5, inner.qfi);
        assertEquals(2003, inner.dstPort);
        assertEquals(850, inner.payloadLength);
        assertEquals(100 - 86, inner.capturedPayloadLength);
        assertEquals(902 - 8, p.ip[0].payloadLength);
        assertEquals(100 - 42, p.ip[0].capturedPayloadLength);
    }

    @Test
    void gtpCutInsideTheInnerIpHeader_keepsTheOuterLayerDecoded() {
        Packet p = cut(CorpusFrames.N3_GTP_QFI, LinkType.ETHERNET, 70);

        assertEquals(Outcome.DECODED, p.outcome);
        assertTrue(p.truncated);
        assertEquals(1, p.ipCount);
        assertEquals(2152, p.ip[0].dstPort);
    }

    @Test
    void cutInsideTheOuterIpHeader_isUndecodable() {
        Packet p = cut(CorpusFrames.N3_GTP_QFI, LinkType.ETHERNET, 30);

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.TRUNCATED_IP_HEADER, p.reason);
        assertTrue(p.truncated);
    }

    @Test
    void tcpCutInsideItsOptions_stillHasPortsAndFlags() {
        Packet p = cut(CorpusFrames.VLAN_TCP, LinkType.ETHERNET, 14 + 4 + 20 + 30);

        IpLayer ip = p.ip[0];
        assertTrue(p.truncated);
        assertTrue(ip.hasTransport);
        assertEquals(80, ip.srcPort);
        assertEquals(0x12, ip.tcpFlags);
        assertEquals(0, ip.capturedPayloadLength);
    }

    @Test
    void tcpCutInsideItsFixedHeader_hasNoTransport() {
        Packet p = cut(CorpusFrames.VLAN_TCP, LinkType.ETHERNET, 14 + 4 + 20 + 10);

        assertEquals(Outcome.DECODED, p.outcome);
        assertTrue(p.truncated);
        assertFalse(p.ip[0].hasTransport);
        assertEquals(6, p.ip[0].protocol);
    }

    @Test
    void ipv6CutInsideTheUdpPayload() {
        Packet p = cut(CorpusFrames.NULL_IPV6_TCP, LinkType.NULL, 4 + 40 + 32 + 100);

        assertTrue(p.truncated);
        assertEquals(403, p.ip[0].payloadLength);
        assertEquals(100, p.ip[0].capturedPayloadLength);
    }

    @Test
    void wholeFrame_isNotTruncated() {
        assertFalse(decode(LinkType.ETHERNET, CorpusFrames.N3_GTP_QFI).truncated);
    }

    @Test
    void tunnelHeaderLongerThanTheUdpPayload_isMalformedNotTruncated() {
        // A 4-byte UDP payload to the VXLAN port, ending exactly where the frame ends.
        String packet = TestFrames.ipv4(17, "0a000001", "0a000002", TestFrames.udp(50000, 4789, "08000000"));

        Packet p = decode(LinkType.RAW, packet);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.ipCount);
        assertFalse(p.truncated);
    }

    @Test
    void ipHeaderLongerThanItsTunnel_isMalformedNotTruncated() {
        // IP-in-IP whose outer datagram holds only 10 bytes of the inner header.
        String packet = TestFrames.ipv4(4, "0a000001", "0a000002", TestFrames.from(CorpusFrames.SCTP, 14).substring(0, 20));

        Packet p = decode(LinkType.RAW, packet);

        assertEquals(1, p.ipCount);
        assertFalse(p.truncated);
    }
}
