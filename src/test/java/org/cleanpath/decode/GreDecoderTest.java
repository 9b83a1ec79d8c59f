package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.ethernet;
import static org.cleanpath.decode.TestFrames.from;
import static org.cleanpath.decode.TestFrames.ipv4;
import static org.cleanpath.decode.TestFrames.ipv6;
import static org.cleanpath.decode.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** GRE and ERSPAN: corpus frames where the corpus has them, RFC-built frames elsewhere. */
class GreDecoderTest {
    private static final String OUTER_SRC = "0a000001";
    private static final String OUTER_DST = "0a000002";
    private static final String SCTP_ETHERNET = CorpusFrames.SCTP.replaceAll("\\s+", "");

    private static Packet overGre(String gre) {
        return decode(LinkType.ETHERNET, ethernet("0800", ipv4(47, OUTER_SRC, OUTER_DST, gre)));
    }

    @Test
    void enhancedGrePptp_pppCarriesIpv4_callIdIsTunnelId() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.PPTP_SIP);

        assertEquals(2, p.ipCount);
        assertSrc("109.105.228.253", p.ip[0]);
        assertEquals(47, p.ip[0].protocol);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.GRE, inner.tunnel);
        assertEquals(38992, inner.tunnelId);
        assertSrc("192.168.10.210", inner);
        assertDst("192.168.103.40", inner);
        assertEquals(5060, inner.dstPort);
    }

    @Test
    void pptpLcp_leavesTheOuterLayerInnermost() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.PPTP_LCP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.ipCount);
        assertSrc("10.1.1.11", p.ip[0]);
    }

    @Test
    void keyedGreWithCiscoMetadata_carriesIcmp() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.GRE_CMD_ICMP);

        assertEquals(1213, p.vlanIds[0]);
        assertEquals(2, p.ipCount);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.GRE, inner.tunnel);
        assertEquals(0x28, inner.tunnelId);
        assertSrc("172.17.1.54", inner);
        assertDst("172.17.1.55", inner);
    }

    @Test
    void greInsideGre_keepsBothLayers() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.GRE_CMD_GRE);

        assertEquals(2, p.ipCount);
        assertSrc("10.172.64.7", p.ip[0]);
        assertSrc("10.172.64.6", p.ip[1]);
        assertEquals(47, p.ip[1].protocol);
        assertEquals(0x28, p.ip[1].tunnelId);
    }

    @Test
    void cdpOverGre_isNoError() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.GRE_CDP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.ipCount);
    }

    @Test
    void checksumAndKey_thenIpv6() {
        // Flags C|K (0xa000), protocol 0x86dd, checksum + reserved, key 0x11223344.
        String gre = "a000" + "86dd" + "00000000" + "11223344" + from(CorpusFrames.IPV6_DSTOPTS_UDP, 14);

        IpLayer inner = overGre(gre).ip[1];

        assertEquals(Tunnel.GRE, inner.tunnel);
        assertEquals(0x11223344L, inner.tunnelId);
        assertEquals(42, inner.dstPort);
    }

    @Test
    void transparentEthernetBridging_keepsTheOuterMacs() {
        // Flags K|S (0x3000), protocol 0x6558, key 100, sequence 7, then a whole Ethernet frame.
        Packet p = overGre("3000" + "6558" + "00000064" + "00000007" + CorpusFrames.VLAN_TCP.replaceAll("\\s+", ""));

        assertEquals(mac("0a:00:00:00:00:02"), p.srcMac);
        assertEquals(4093, p.vlanIds[0]);
        assertEquals(100, p.ip[1].tunnelId);
        assertSrc("10.0.0.15", p.ip[1]);
    }

    @Test
    void greOverIpv6() {
        String gre = "0000" + "0800" + from(CorpusFrames.SCTP, 14);
        String frame = ethernet("86dd", ipv6(47, "20010db8000000000000000000000001", "20010db8000000000000000000000002", gre));

        Packet p = decode(LinkType.ETHERNET, frame);

        assertEquals(2, p.ipCount);
        assertEquals(Tunnel.GRE, p.ip[1].tunnel);
        assertEquals(-1, p.ip[1].tunnelId);
    }

    @Test
    void erspanTypeI_hasNoHeader() {
        // GRE without sequence number, protocol 0x88be: the mirrored frame follows at once.
        IpLayer inner = overGre("0000" + "88be" + SCTP_ETHERNET).ip[1];

        assertEquals(Tunnel.ERSPAN, inner.tunnel);
        assertEquals(7, inner.dstPort);
    }

    @Test
    void erspanTypeII_sessionIdIsTunnelId() {
        String erspan = "1000"       // version 1, VLAN 0
                + "0155"             // COS 0, En 0, T 0, session id 0x155
                + "00000000";        // reserved, index
        IpLayer inner = overGre("1000" + "88be" + "00000001" + erspan + SCTP_ETHERNET).ip[1];

        assertEquals(Tunnel.ERSPAN, inner.tunnel);
        assertEquals(0x155, inner.tunnelId);
        assertSrc("192.168.170.8", inner);
    }

    @Test
    void erspanTypeIII_withPlatformSubheader() {
        String erspan = "2000"       // version 2, VLAN 0
                + "03ff"             // COS 0, BSO 0, T 0, session id 0x3ff
                + "5f3759df"         // timestamp
                + "0000"             // security group tag
                + "0001"             // P 0, FT 0, hardware id 0, D 0, Gra 0, O 1: subheader follows
                + "0000000000000000"; // platform-specific subheader
        IpLayer inner = overGre("1000" + "22eb" + "00000001" + erspan + SCTP_ETHERNET).ip[1];

        assertEquals(Tunnel.ERSPAN, inner.tunnel);
        assertEquals(0x3ff, inner.tunnelId);
        assertEquals(7, inner.srcPort);
    }

    @Test
    void mplsOverGre_recordsTheLabel() {
        // Flags 0, protocol 0x8847, label 300 S=1 TTL 64, then an IPv4 packet.
        Packet p = overGre("0000" + "8847" + "0012c140" + from(CorpusFrames.SCTP, 14));

        assertEquals(300, p.mplsLabels[0]);
        assertEquals(Tunnel.GRE, p.ip[1].tunnel);
    }

    @Test
    void obsoleteSourceRouting_endsDecodingQuietly() {
        Packet p = overGre("4000" + "0800" + "00000000" + from(CorpusFrames.SCTP, 14));

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.ipCount);
    }
}
