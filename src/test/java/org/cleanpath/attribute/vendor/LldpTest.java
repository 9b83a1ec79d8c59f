package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.CapturedFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LldpTest {

    static Optional<Neighbor> parseFrame(byte[] frame) {
        return Lldp.parse(ByteBuffer.wrap(frame), 14, frame.length - 14, Wire.mac(ByteBuffer.wrap(frame), 6));
    }

    @Test
    void parse_readsEveryBasicTlvOfACiscoSwitch() {
        Neighbor n = parseFrame(bytes(CapturedFrames.LLDP_S2)).orElseThrow();
        assertEquals(new Neighbor("lldp", "00:19:2f:a7:b2:8d", "Uplink to S1", "GigabitEthernet0/13", 120, "S2.cisco.com",
                CapturedFrames.C3560_BANNER, null, null, List.of("bridge"), List.of(), 0x00192fa7b28dL, 0x00192fa7b28dL), n);
    }

    @Test
    void parse_readsALocallyAssignedPortId() {
        Neighbor n = parseFrame(bytes(CapturedFrames.LLDP_S1)).orElseThrow();
        assertEquals("Fa0/13", n.portId());
        assertEquals("S1.cisco.com", n.systemName());
        assertEquals(0x0018ba98688fL, n.mac());
    }

    @Test
    void parse_readsManagementAddressesAndNonMacChassisIds() {
        byte[] pdu = new Tlvs()
                .tlv(1, "05 01 c0 00 02 01")                       // chassis: network address 192.0.2.1
                .tlv(2, "05" + hexOf("xe-0/0/1"))                  // port: interface name
                .tlv(3, "00 78")
                .tlv(7, "00 14 00 10")                             // bridge+router supported, router enabled
                .tlv(8, "05 01 c0 00 02 01 02 00 00 00 05 00")     // management IPv4, ifIndex 5
                .tlv(8, "11 02 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 02 00 00 00 05 00")
                .tlv(8, "07 06 00 19 2f a7 b2 8d 01 00 00 00 00 00") // an 802 MAC as management address
                .tlv(127, "00 12 0f 01 03 6c 00 00 10")            // 802.3 MAC/PHY status: ignored
                .tlv(0, "")
                .build();
        Neighbor n = Lldp.parse(ByteBuffer.wrap(pdu), 0, pdu.length, 0x0018ba98688fL).orElseThrow();
        assertEquals("192.0.2.1", n.chassisId());
        assertEquals("xe-0/0/1", n.portId());
        assertEquals(List.of("router"), n.capabilities());
        assertEquals(List.of("192.0.2.1", "2001:db8::1", "00:19:2f:a7:b2:8d"), n.managementAddresses());
        assertEquals(0x0018ba98688fL, n.mac(), "no chassis MAC: the frame's source");
    }

    @Test
    void parse_keepsWhatCameBeforeATruncatedTlv() {
        byte[] frame = bytes(CapturedFrames.LLDP_S2);
        Neighbor n = parseFrame(java.util.Arrays.copyOf(frame, 60)).orElseThrow(); // snap length cuts the system description
        assertEquals("00:19:2f:a7:b2:8d", n.chassisId());
        assertEquals("S2.cisco.com", n.systemName());
        assertEquals(null, n.systemDescription());
    }

    @Test
    void parse_rejectsAPduThatDoesNotStartWithAChassisId() {
        byte[] pdu = new Tlvs().tlv(2, "05" + hexOf("eth0")).tlv(1, "04 00 19 2f a7 b2 8d").build();
        assertEquals(Optional.empty(), Lldp.parse(ByteBuffer.wrap(pdu), 0, pdu.length, Mac.NONE));
        assertEquals(Optional.empty(), Lldp.parse(ByteBuffer.wrap(new byte[0]), 0, 0, Mac.NONE));
    }

    @Test
    void parse_replacesControlCharactersInNames() {
        byte[] pdu = new Tlvs().tlv(1, "07" + hexOf("sw")).tlv(5, hexOf("evil") + "1b5b324a" + "00").build();
        assertEquals("evil?[2J", Lldp.parse(ByteBuffer.wrap(pdu), 0, pdu.length, Mac.NONE).orElseThrow().systemName());
    }

    static String hexOf(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Builds LLDP TLV sequences: 7-bit type, 9-bit length. */
    static final class Tlvs {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tlvs tlv(int type, String valueHex) {
            byte[] v = CapturedFrames.bytes(valueHex);
            out.write((type << 1) | (v.length >>> 8));
            out.write(v.length & 0xff);
            out.writeBytes(v);
            return this;
        }

        byte[] build() {
            return out.toByteArray();
        }
    }
}
