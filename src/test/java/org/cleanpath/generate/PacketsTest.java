package org.cleanpath.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

/** The generator's headers, checked by an independent parser (pcap4j). */
class PacketsTest {
    private static final byte[] V4_SRC = Packets.address("10.45.1.10");
    private static final byte[] V4_DST = Packets.address("202.97.33.6");
    private static final byte[] V6_SRC = Packets.address("2001:db8:45:1::10");
    private static final byte[] V6_DST = Packets.address("2001:4860:4860::8888");

    @Test
    void ipv4Tcp_hasValidHeaderAndTcpChecksums() throws Exception {
        byte[] tcp = Packets.tcp(V4_SRC, V4_DST, 40000, 443, 1000, 2000, Packets.PSH | Packets.ACK, 502,
                new byte[0], new byte[] {1, 2, 3});
        IpV4Packet ip = IpV4Packet.newPacket(Packets.ip(V4_SRC, V4_DST, Packets.TCP, 64, 7, tcp), 0, 20 + tcp.length);

        assertTrue(ip.getHeader().hasValidChecksum(false));
        TcpPacket parsed = ip.get(TcpPacket.class);
        assertTrue(parsed.hasValidChecksum(ip.getHeader().getSrcAddr(), ip.getHeader().getDstAddr(), false));
        assertEquals(1000, parsed.getHeader().getSequenceNumber());
        assertEquals(2000, parsed.getHeader().getAcknowledgmentNumber());
        assertTrue(parsed.getHeader().getPsh());
    }

    @Test
    void ipv6Udp_hasValidChecksum() throws Exception {
        byte[] udp = Packets.udp(V6_SRC, V6_DST, 53000, 53, Dns.query(0x1234, "www.huawei.com", Dns.A));
        IpV6Packet ip = IpV6Packet.newPacket(Packets.ip(V6_SRC, V6_DST, Packets.UDP, 64, 5, udp), 0, 40 + udp.length);

        UdpPacket parsed = ip.get(UdpPacket.class);
        assertTrue(parsed.hasValidChecksum(ip.getHeader().getSrcAddr(), ip.getHeader().getDstAddr(), false));
        assertEquals(53, parsed.getHeader().getDstPort().valueAsInt());
    }

    @Test
    void icmpv6Echo_hasValidChecksum() throws Exception {
        byte[] icmp = Packets.icmpEcho(V6_SRC, V6_DST, false, 77, 1, new byte[56]);
        IpV6Packet ip = IpV6Packet.newPacket(Packets.ip(V6_SRC, V6_DST, Packets.ICMPV6, 64, 5, icmp), 0,
                40 + icmp.length);

        IcmpV6CommonPacket parsed = ip.get(IcmpV6CommonPacket.class);
        assertTrue(parsed.hasValidChecksum((Inet6Address) InetAddress.getByAddress(V6_SRC),
                (Inet6Address) InetAddress.getByAddress(V6_DST), false));
    }

    @Test
    void ethernet_withQinQ_carriesBothTagsAndPadsToSixtyBytes() {
        byte[] frame = Packets.ethernet(0x0180_c200_000eL, 0x00e0_fc5a_3107L,
                List.of(Vlan.service(200), Vlan.dot1q(30)), Packets.ETHERTYPE_IPV4, new byte[4]);

        assertEquals(60, frame.length);
        assertEquals(0x88a8, u16(frame, 12));
        assertEquals(200, u16(frame, 14) & 0x0fff);
        assertEquals(0x8100, u16(frame, 16));
        assertEquals(30, u16(frame, 18) & 0x0fff);
        assertEquals(0x0800, u16(frame, 20));
    }

    @Test
    void gtpU_hasPduSessionContainerWithQfi() {
        byte[] inner = Packets.ip(V4_SRC, V4_DST, Packets.UDP, 64, 1, Packets.udp(V4_SRC, V4_DST, 1, 2, new byte[0]));
        byte[] gtp = Packets.gtpU(0x0001_0a01L, true, 9, inner);

        assertEquals(0x34, gtp[0] & 0xff);
        assertEquals(0xff, gtp[1] & 0xff);
        assertEquals(gtp.length - 8, u16(gtp, 2));
        assertEquals(0x0001_0a01L, ((long) u16(gtp, 4) << 16) | u16(gtp, 6));
        assertEquals(0x85, gtp[11] & 0xff);
        assertEquals(1, gtp[12]); // extension length in 4-byte units
        assertEquals(1, (gtp[13] & 0xff) >>> 4); // UL PDU SESSION INFORMATION
        assertEquals(9, gtp[14] & 0x3f);
        assertEquals(0, gtp[15]); // no next extension
        assertEquals(0x45, gtp[16] & 0xff);
    }

    @Test
    void ethernetFrame_parsesWithVlanTagAndIpv4() throws Exception {
        byte[] udp = Packets.udp(V4_SRC, V4_DST, 123, 123, Ntp.request(0));
        byte[] frame = Packets.ethernet(1, 2, List.of(Vlan.dot1q(100)), Packets.ETHERTYPE_IPV4,
                Packets.ip(V4_SRC, V4_DST, Packets.UDP, 64, 1, udp));
        EthernetPacket eth = EthernetPacket.newPacket(frame, 0, frame.length);
        IpV4Packet ip = eth.get(IpV4Packet.class);
        assertTrue(ip.getHeader().hasValidChecksum(false));
        assertEquals(48, ip.get(UdpPacket.class).getPayload().length());
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
