package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertAddress;
import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class IcmpDecoderTest {

    @Test
    void icmpTimeExceeded_quotesTheProbe_withoutAddingAnIpLayer() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.ICMP_TIME_EXCEEDED);

        assertEquals(1, p.ipCount);
        IpLayer ip = p.ip[0];
        assertSrc("151.6.184.100", ip);
        assertDst("192.168.12.114", ip);
        assertEquals(252, ip.ttl);
        assertEquals(11, ip.icmpType);
        assertEquals(0, ip.icmpCode);
        assertEquals(-1, ip.icmpId);
        assertQuotedUdpProbe(ip, 4, "192.168.12.114", 55915, "185.118.169.65", 27520);
    }

    @Test
    void icmpv6TimeExceeded_quotesTheProbe() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.ICMP6_TIME_EXCEEDED);

        assertEquals(1, p.ipCount);
        IpLayer ip = p.ip[0];
        assertSrc("3ffe:507:0:1:260:97ff:fe07:69ea", ip);
        assertEquals(58, ip.protocol);
        assertEquals(3, ip.icmpType);
        assertQuotedUdpProbe(ip, 6, "3ffe:507:0:1:200:86ff:fe05:80da", 41077, "3ffe:501:410:0:2c0:dfff:fe47:33e", 33435);
    }

    /** A traceroute probe: UDP sent with TTL (hop limit) 1. */
    private static void assertQuotedUdpProbe(IpLayer ip, int version, String src, int srcPort, String dst, int dstPort) {
        assertTrue(ip.hasQuoted);
        assertEquals(version, ip.quotedVersion);
        assertAddress(src, ip.quotedSrcHi, ip.quotedSrcLo);
        assertAddress(dst, ip.quotedDstHi, ip.quotedDstLo);
        assertEquals(17, ip.quotedProtocol);
        assertEquals(1, ip.quotedTtl);
        assertEquals(srcPort, ip.quotedSrcPort);
        assertEquals(dstPort, ip.quotedDstPort);
    }

    @Test
    void echoRequest_hasIdentifierAndNoQuote() {
        IpLayer inner = decode(LinkType.ETHERNET, CorpusFrames.GRE_CMD_ICMP).innermost();

        assertEquals(8, inner.icmpType);
        assertEquals(1, inner.icmpId);
        assertFalse(inner.hasQuoted);
        assertEquals(0x64 - 20 - 8, inner.payloadLength);
    }

    @Test
    void quoteCutShort_keepsTheIcmpHeader() {
        String hex = CorpusFrames.ICMP_TIME_EXCEEDED.replaceAll("\\s+", "");
        // Keep Ethernet + IPv4 + ICMP header + 10 quoted bytes, and shrink the IP total length to match.
        int ipLength = 20 + 8 + 10;
        hex = hex.substring(0, 32) + String.format("%04x", ipLength) + hex.substring(36, 2 * (14 + ipLength));

        IpLayer ip = decode(LinkType.ETHERNET, hex).ip[0];

        assertEquals(11, ip.icmpType);
        assertFalse(ip.hasQuoted);
    }
}
