package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class Ipv6DecoderTest {

    @Test
    void hopByHopDestinationRoutingAndAh_chainEndsAtOspf() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.IPV6_HBH_DST_RT_AH);

        assertEquals(Outcome.DECODED, p.outcome);
        IpLayer ip = p.ip[0];
        assertEquals(6, ip.version);
        assertSrc("fe80::2", ip);
        // Type 0 routing header with one segment left: the flow goes to its last address, as in
        // Zeek and Wireshark, not to the header's ff02::5.
        assertDst("2200::210:2:0:0:4", ip);
        assertEquals(89, ip.protocol);
        assertFalse(ip.hasTransport);
    }

    @Test
    void routingHeader_thenUdp() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.IPV6_ROUTING_UDP).ip[0];

        assertSrc("2200::244:212:3fff:feae:22f7", ip);
        assertDst("2200::210:2:0:0:4", ip); // final destination from the routing header
        assertEquals(17, ip.protocol);
        assertEquals(5645, ip.srcPort);
        assertEquals(5642, ip.dstPort);
        assertEquals(0, ip.payloadLength);
    }

    @Test
    void destinationOptions_thenUdp() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.IPV6_DSTOPTS_UDP).ip[0];

        assertSrc("2a01:e35:8bd9:8bb0:a0a7:ea9c:74e8:d397", ip);
        assertEquals(17, ip.protocol);
        assertEquals(42513, ip.srcPort);
        assertEquals(42, ip.dstPort);
    }

    @Test
    void atomicFragment_isNotAFragmentAndKeepsItsTcpHeader() {
        IpLayer ip = decode(LinkType.ETHERNET, CorpusFrames.IPV6_ATOMIC_FRAG).ip[0];

        assertSrc("2001:db8:1::2", ip);
        assertDst("2001:db8:1::1", ip);
        assertEquals(6, ip.protocol);
        assertFalse(ip.fragment);
        assertEquals(0, ip.fragmentId);
        assertTrue(ip.hasTransport);
        assertEquals(59694, ip.srcPort);
        assertEquals(80, ip.dstPort);
        assertEquals(0x02, ip.tcpFlags);
    }

    @Test
    void fragmentHeader_offsetMoreFlagAndId() {
        // The atomic fragment's header rewritten: offset 1448 bytes (181 units), M=1, id 0x01020304.
        String hex = CorpusFrames.IPV6_ATOMIC_FRAG.replaceAll("\\s+", "");
        int frag = 2 * (14 + 40);
        hex = hex.substring(0, frag + 4) + "05a9" + "01020304" + hex.substring(frag + 16);

        IpLayer ip = decode(LinkType.ETHERNET, hex).ip[0];

        assertTrue(ip.fragment);
        assertEquals(1448, ip.fragmentOffset);
        assertTrue(ip.moreFragments);
        assertEquals(0x01020304L, ip.fragmentId);
        assertFalse(ip.hasTransport);
        assertEquals(6, ip.protocol);
    }

    @Test
    void esp_endsTheChain() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.QINQ_GTP_IPV6_ESP);

        IpLayer inner = p.innermost();
        assertEquals(6, inner.version);
        assertEquals(50, inner.protocol);
        assertFalse(inner.hasTransport);
    }

    @Test
    void chainCutByTheSnapLength_keepsTheLayerAndMarksTruncation() {
        String hex = CorpusFrames.IPV6_HBH_DST_RT_AH.replaceAll("\\s+", "");
        Packet p = decode(LinkType.ETHERNET, hex.substring(0, 2 * (14 + 40 + 10)));

        assertEquals(Outcome.DECODED, p.outcome);
        assertTrue(p.truncated);
        assertFalse(p.ip[0].hasTransport);
    }
}
