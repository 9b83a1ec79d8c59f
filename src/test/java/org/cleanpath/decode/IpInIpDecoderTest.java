package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.from;
import static org.cleanpath.decode.TestFrames.ipv4;
import static org.cleanpath.decode.TestFrames.ipv6;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** IP-in-IP (protocol 4) and IPv6 encapsulation (41) in both IP versions, around real packets. */
class IpInIpDecoderTest {
    private static final String V4 = from(CorpusFrames.SCTP, 14);
    private static final String V6 = from(CorpusFrames.IPV6_DSTOPTS_UDP, 14);
    private static final String A6 = "20010db8000000000000000000000001";
    private static final String B6 = "20010db8000000000000000000000002";

    private static void assertTunnelled(Packet p, int innerVersion, int innerDstPort) {
        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(2, p.ipCount);
        assertEquals(Tunnel.NONE, p.ip[0].tunnel);
        assertEquals(Tunnel.IP_IN_IP, p.ip[1].tunnel);
        assertEquals(innerVersion, p.ip[1].version);
        assertEquals(innerDstPort, p.ip[1].dstPort);
    }

    @Test
    void ipv4InIpv4() {
        assertTunnelled(decode(LinkType.RAW, ipv4(4, "0a000001", "0a000002", V4)), 4, 7);
    }

    @Test
    void ipv6InIpv4() {
        assertTunnelled(decode(LinkType.RAW, ipv4(41, "0a000001", "0a000002", V6)), 6, 42);
    }

    @Test
    void ipv4InIpv6() {
        assertTunnelled(decode(LinkType.RAW, ipv6(4, A6, B6, V4)), 4, 7);
    }

    @Test
    void ipv6InIpv6() {
        assertTunnelled(decode(LinkType.RAW, ipv6(41, A6, B6, V6)), 6, 42);
    }

    @Test
    void nestingBeyondMaxIpLayers_keepsTheFirstFourAndStaysDecoded() {
        String packet = V4;
        for (int i = 0; i < Packet.MAX_IP_LAYERS + 2; i++) {
            packet = ipv4(4, "0a000001", "0a000002", packet);
        }

        Packet p = decode(LinkType.RAW, packet);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(Packet.MAX_IP_LAYERS, p.ipCount);
        assertEquals(4, p.innermost().protocol);
    }
}
