package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.ethernet;
import static org.cleanpath.decode.TestFrames.from;
import static org.cleanpath.decode.TestFrames.ipv4;
import static org.cleanpath.decode.TestFrames.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class GtpUDecoderTest {

    @Test
    void gPduWithPduSessionContainer_givesTeidAndQfiOnTheInnerLayer() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.N3_GTP_QFI);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(2, p.ipCount);
        IpLayer outer = p.ip[0];
        assertSrc("172.16.12.2", outer);
        assertDst("10.200.11.70", outer);
        assertEquals(2152, outer.dstPort);
        assertEquals(Tunnel.NONE, outer.tunnel);
        assertEquals(-1, outer.tunnelId);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.GTP_U, inner.tunnel);
        assertEquals(0x40020125L, inner.tunnelId);
        assertEquals(5, inner.qfi);
        assertSrc("10.0.255.2", inner);
        assertDst("172.16.11.2", inner);
        assertEquals(2002, inner.srcPort);
        assertEquals(2003, inner.dstPort);
        assertEquals(850, inner.payloadLength);
    }

    @Test
    void pdcpPduNumberExtension_isSkippedWithoutQfi() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.GTP_PDCP_EXTENSION_ICMP);

        assertEquals(2, p.ipCount);
        IpLayer inner = p.ip[1];
        assertEquals(1, inner.tunnelId);
        assertEquals(-1, inner.qfi);
        assertSrc("202.11.40.158", inner);
        assertDst("192.168.40.178", inner);
        assertEquals(8, inner.icmpType);
    }

    @Test
    void qinqThenIpv6InGtp() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.QINQ_GTP_IPV6);

        assertArrayEquals(new int[] {3233, 5}, Arrays.copyOf(p.vlanIds, p.vlanCount));
        assertEquals(2, p.ipCount);
        assertSrc("10.238.80.26", p.ip[0]);
        assertDst("10.238.254.75", p.ip[0]);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.GTP_U, inner.tunnel);
        assertEquals(0x12808fb8L, inner.tunnelId);
        assertEquals(-1, inner.qfi);
        assertSrc("2607:fc20:4052:39e:490a:ea4d:17fe:e09c", inner);
        assertDst("fd00:976a:bc67:193e::7", inner);
        assertEquals(49120, inner.srcPort);
        assertEquals(25658, inner.dstPort);
    }

    @Test
    void sequenceNumberFlag_skipsTheOptionalFields() {
        String inner = from(CorpusFrames.SCTP, 14);
        // GTPv1 flags 0x32 (version 1, PT, S), G-PDU, length, TEID 7, sequence 1, N-PDU 0, next ext 0.
        String gtp = "32" + "ff" + String.format("%04x", 4 + inner.length() / 2) + "00000007" + "0001" + "00" + "00";
        String frame = ethernet("0800", ipv4(17, "0a000001", "0a000002", udp(40000, 2152, gtp + inner)));

        IpLayer l = decode(LinkType.ETHERNET, frame).ip[1];

        assertEquals(7, l.tunnelId);
        assertEquals(7, l.dstPort);
    }

    @Test
    void echoRequest_hasNoInnerLayer() {
        String hex = CorpusFrames.N3_GTP_QFI.replaceAll("\\s+", "");
        int type = 2 * (14 + 20 + 8 + 1);
        hex = hex.substring(0, type) + "01" + hex.substring(type + 2);

        Packet p = decode(LinkType.ETHERNET, hex);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.ipCount);
    }

    @Test
    void extensionChain_isWalkedToThePduSessionContainer_andPortMayBeTheSource() {
        String inner = from(CorpusFrames.SCTP, 14);
        String extensions = "01" + "abcd" + "85"   // UDP port extension (0x40): length 1, port, next 0x85
                + "02" + "0009" + "00000000" + "00"; // PDU Session Container: length 2, DL PDU type 0, QFI 9, padding, next 0
        // Flags 0x34 (version 1, PT, E), G-PDU, length, TEID, sequence 0, N-PDU 0, next extension 0x40.
        String gtp = "34" + "ff" + String.format("%04x", 4 + 12 + inner.length() / 2) + "0000abcd" + "0000" + "00" + "40";
        String frame = ethernet("0800", ipv4(17, "0a000001", "0a000002", udp(2152, 40000, gtp + extensions + inner)));

        IpLayer l = decode(LinkType.ETHERNET, frame).ip[1];

        assertEquals(Tunnel.GTP_U, l.tunnel);
        assertEquals(0xabcd, l.tunnelId);
        assertEquals(9, l.qfi);
        assertEquals(7, l.dstPort);
    }
}
