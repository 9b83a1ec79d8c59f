package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** TCP, UDP and SCTP headers: ports, flags and where the payload is. */
class TransportDecodersTest {

    @Test
    void tcp_dataOffsetWithOptionsLocatesThePayload() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.VLAN_TCP);

        IpLayer ip = p.ip[0];
        assertTrue(ip.hasTransport);
        assertEquals(80, ip.srcPort);
        assertEquals(50343, ip.dstPort);
        assertEquals(0x12, ip.tcpFlags);
        assertEquals(14 + 4 + 20 + 40 + TestFrames.LEAD, ip.payloadOffset);
        assertEquals(0, ip.payloadLength);
    }

    @Test
    void tcp_payloadLengthAndCapturedBytes() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.VXLAN_TCP).innermost();

        assertEquals(0x02, ip.tcpFlags);
        assertEquals(0, ip.payloadLength);
        IpLayer psh = decode(LinkType.NULL, CorpusFrames.NULL_IPV6_TCP).ip[0];
        assertEquals(403, psh.payloadLength);
        assertEquals(4 + 40 + 32 + TestFrames.LEAD, psh.payloadOffset);
    }

    @Test
    void tcp_dataOffsetBelowFive_isNoTransport() {
        String hex = CorpusFrames.SLL_TCP.replaceAll("\\s+", "");
        int doff = 2 * (16 + 20 + 12);
        hex = hex.substring(0, doff) + "40" + hex.substring(doff + 2);

        IpLayer ip = decode(LinkType.LINUX_SLL, hex).ip[0];

        assertEquals(Outcome.DECODED, decode(LinkType.LINUX_SLL, hex).outcome);
        assertFalse(ip.hasTransport);
    }

    @Test
    void udp_lengthGivesThePayload() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.N3_GTP_QFI).ip[0];

        assertEquals(2152, ip.srcPort);
        assertEquals(2152, ip.dstPort);
        assertEquals(902 - 8, ip.payloadLength);
        assertEquals(902 - 8, ip.capturedPayloadLength);
        assertEquals(14 + 20 + 8 + TestFrames.LEAD, ip.payloadOffset);
    }

    @Test
    void sctp_commonHeaderPorts() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.SCTP).ip[0];

        assertSrc("192.168.170.8", ip);
        assertDst("192.168.170.56", ip);
        assertEquals(132, ip.protocol);
        assertTrue(ip.hasTransport);
        assertEquals(7, ip.srcPort);
        assertEquals(7, ip.dstPort);
        assertEquals(32, ip.payloadLength);
    }
}
