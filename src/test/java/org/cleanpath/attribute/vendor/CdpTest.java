package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.CapturedFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdpTest {
    /** Ethernet 14 + LLC 3 + SNAP 5. */
    static final int SNAP_PAYLOAD = 22;

    @Test
    void parse_readsACiscoSwitchAnnouncement() {
        byte[] frame = bytes(CapturedFrames.CDP_S1);
        Neighbor n = Cdp.parse(ByteBuffer.wrap(frame), SNAP_PAYLOAD, frame.length - SNAP_PAYLOAD, 0x0018ba98688fL).orElseThrow();
        assertEquals(new Neighbor("cdp", "S1", "FastEthernet0/13", null, 180, "S1", null, "cisco WS-C3560-24TS",
                CapturedFrames.C3560_BANNER, List.of("switch", "igmp"), List.of("0.0.0.0"), 0x0018ba98688fL, 0x0018ba98688fL), n);
    }

    @Test
    void parse_readsTheGrePayloadOfATunnelledAnnouncement() {
        byte[] frame = bytes(CapturedFrames.GRE_CDP_R1);
        int at = CapturedFrames.GRE_CDP_OFFSET;
        Neighbor n = Cdp.parse(ByteBuffer.wrap(frame), at, frame.length - at, Mac.NONE).orElseThrow();
        assertEquals("R1", n.chassisId());
        assertEquals("Tunnel40", n.portId());
        assertEquals("Linux Unix", n.platform());
        assertEquals(List.of("router"), n.capabilities());
        assertEquals(List.of("172.17.1.54"), n.managementAddresses(), "addresses and management addresses, once");
        assertEquals(4, n.softwareVersion().split("\n").length);
        assertEquals(Mac.NONE, n.mac());
    }

    @Test
    void parse_readsIpv6AddressesAndTheSystemNameTlv() {
        byte[] pdu = bytes("02 b4 0000"
                + "0001 0008 5357 3031"                                            // device ID "SW01"
                + "0002 002d 00000002"                                              // two addresses
                + "  01 01 cc 0004 c0000201"                                        // NLPID IP 192.0.2.1
                + "  02 08 aaaa030000 0086dd 0010 20010db8000000000000000000000002" // 802.2 IPv6
                + "0014 000c 7377 3031 2e6c 6162"                                   // system name "sw01.lab"
                + "0004 0008 00000009");                                            // router + switch
        Neighbor n = Cdp.parse(ByteBuffer.wrap(pdu), 0, pdu.length, Mac.NONE).orElseThrow();
        assertEquals(List.of("192.0.2.1", "2001:db8::2"), n.managementAddresses());
        assertEquals("SW01", n.chassisId());
        assertEquals("sw01.lab", n.systemName());
        assertEquals(List.of("router", "switch"), n.capabilities());
    }

    @Test
    void parse_rejectsOtherVersionsAndPdusWithoutADeviceId() {
        assertEquals(Optional.empty(), Cdp.parse(ByteBuffer.wrap(bytes("03b40000 0001 0006 5331")), 0, 10, Mac.NONE));
        assertEquals(Optional.empty(), Cdp.parse(ByteBuffer.wrap(bytes("02b40000 0003 0006 5331")), 0, 10, Mac.NONE));
        assertEquals(Optional.empty(), Cdp.parse(ByteBuffer.wrap(bytes("02b4")), 0, 2, Mac.NONE));
    }

    @Test
    void parse_stopsAtATlvThatClaimsLessThanItsHeader() {
        Neighbor n = Cdp.parse(ByteBuffer.wrap(bytes("02b40000 0001 0006 5331 0006 0002 ffff")), 0, 16, Mac.NONE).orElseThrow();
        assertEquals("S1", n.chassisId());
        assertEquals(null, n.platform());
    }
}
