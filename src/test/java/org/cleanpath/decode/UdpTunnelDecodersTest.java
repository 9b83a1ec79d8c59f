package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.ethernet;
import static org.cleanpath.decode.TestFrames.from;
import static org.cleanpath.decode.TestFrames.ipv4;
import static org.cleanpath.decode.TestFrames.mac;
import static org.cleanpath.decode.TestFrames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** VXLAN (from the corpus) and Geneve (built from RFC 8926, the corpus has none). */
class UdpTunnelDecodersTest {
    private static final String SCTP_ETHERNET = CorpusFrames.SCTP.replaceAll("\\s+", "");

    private static Packet overUdp(int dstPort, String payload) {
        return decode(LinkType.ETHERNET, ethernet("0800", ipv4(17, "0a000001", "0a000002", udp(50000, dstPort, payload))));
    }

    @Test
    void vxlan_vniOnInnerLayer_outerMacsKept() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.VXLAN_TCP);

        assertEquals(2, p.ipCount);
        assertEquals(mac("12:42:cd:c5:e8:22"), p.srcMac);
        assertEquals(mac("12:42:cd:c5:e8:22"), p.dstMac);
        IpLayer outer = p.ip[0];
        assertSrc("10.1.200.131", outer);
        assertDst("10.1.1.172", outer);
        assertEquals(50000, outer.srcPort);
        assertEquals(4789, outer.dstPort);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.VXLAN, inner.tunnel);
        assertEquals(1, inner.tunnelId);
        assertSrc("172.16.11.201", inner);
        assertDst("54.86.237.188", inner);
        assertEquals(40354, inner.srcPort);
        assertEquals(80, inner.dstPort);
        assertEquals(0x02, inner.tcpFlags);
    }

    @Test
    void vxlanWithoutValidVniFlag_isNotDecodedFurther() {
        Packet p = overUdp(4789, "00000000" + "00000100" + SCTP_ETHERNET);

        assertEquals(1, p.ipCount);
    }

    @Test
    void geneve_withOptions_carriesEthernet() {
        String geneve = "02"         // version 0, options length 2 (8 bytes)
                + "00"               // O 0, C 0
                + "6558"             // protocol: transparent Ethernet bridging
                + "00abcd" + "00"    // VNI, reserved
                + "0102" + "80" + "01" + "deadbeef"; // option class, type, length 1 (4 bytes), data
        Packet p = overUdp(6081, geneve + SCTP_ETHERNET);

        assertEquals(2, p.ipCount);
        IpLayer inner = p.ip[1];
        assertEquals(Tunnel.GENEVE, inner.tunnel);
        assertEquals(0xabcd, inner.tunnelId);
        assertSrc("192.168.170.8", inner);
        assertEquals(mac("0a:00:00:00:00:02"), p.srcMac);
    }

    @Test
    void geneve_carryingIpv4Directly() {
        Packet p = overUdp(6081, "00" + "00" + "0800" + "000007" + "00" + from(CorpusFrames.SCTP, 14));

        assertEquals(Tunnel.GENEVE, p.ip[1].tunnel);
        assertEquals(7, p.ip[1].tunnelId);
        assertEquals(7, p.ip[1].dstPort);
    }
}
