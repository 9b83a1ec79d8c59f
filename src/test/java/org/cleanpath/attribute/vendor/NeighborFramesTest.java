package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.CapturedFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NeighborFramesTest {

    static Optional<Neighbor> parse(byte[] frame) {
        return NeighborFrames.parse(ByteBuffer.wrap(frame), 0, frame.length);
    }

    @Test
    void parse_findsLldpBehindTheEthertype() {
        byte[] frame = bytes(CapturedFrames.LLDP_S2);
        assertEquals(LldpTest.parseFrame(frame), parse(frame));
        assertEquals("lldp", parse(frame).orElseThrow().protocol());
    }

    @Test
    void parse_findsCdpBehindLlcSnap() {
        Neighbor n = parse(bytes(CapturedFrames.CDP_S1)).orElseThrow();
        assertEquals("cdp", n.protocol());
        assertEquals("S1", n.chassisId());
        assertEquals(0x0018ba98688fL, n.sourceMac());
        Neighbor sw1 = parse(bytes(CapturedFrames.CDP_SW1)).orElseThrow();
        assertEquals("Ethernet0/1", sw1.portId());
        assertEquals(0xaabbcc000310L, sw1.mac());
    }

    @Test
    void parse_readsAFrameAtAnOffsetOfALittleEndianReaderBuffer() {
        byte[] frame = bytes(CapturedFrames.CDP_S1);
        ByteBuffer b = CapturedFrames.inReaderBuffer(frame, 1000);
        assertEquals(parse(frame), NeighborFrames.parse(b, 1000, frame.length));
        assertEquals(0, b.position());
    }

    @Test
    void parse_skipsVlanTags() {
        byte[] frame = bytes(CapturedFrames.LLDP_S1);
        byte[] tagged = new byte[frame.length + 8];
        System.arraycopy(frame, 0, tagged, 0, 12);
        System.arraycopy(bytes("88a8 0064 8100 00c8"), 0, tagged, 12, 8);
        System.arraycopy(frame, 12, tagged, 20, frame.length - 12);
        assertEquals(parse(frame), parse(tagged));
    }

    @Test
    void parse_ignoresFramesOfOtherProtocols() {
        assertEquals(Optional.empty(), parse(bytes(CapturedFrames.GRE_CDP_R1)), "CDP inside GRE is the GRE decoder's to hand over");
        // 802.3 + LLC 42/42: spanning tree, not SNAP
        assertEquals(Optional.empty(), parse(bytes("0180c2000000 aabbcc000310 0026 424203 0000000000")));
        // SNAP with another OUI/PID (Cisco VTP 0x2003)
        assertEquals(Optional.empty(), parse(bytes("01000ccccccc aabbcc000310 0020 aaaa03 00000c 2003 02b40000")));
        assertEquals(Optional.empty(), parse(bytes("01000ccccccc aabbcc00")));
    }

    @Test
    void parse_trustsThe8023LengthOverTrailingPadding() {
        byte[] frame = bytes(CapturedFrames.CDP_S1);
        byte[] padded = java.util.Arrays.copyOf(frame, frame.length + 4); // an FCS or padding after the PDU
        padded[frame.length] = 0x00;
        padded[frame.length + 1] = 0x06;
        padded[frame.length + 2] = 0x00;
        padded[frame.length + 3] = 0x08; // would read as a platform TLV if the length were ignored
        assertEquals(parse(frame), parse(padded));
    }

    @Test
    void mayCarryNeighbor_admitsLldpAnd8023Frames() {
        assertTrue(NeighborFrames.mayCarryNeighbor(0x88cc));
        assertTrue(NeighborFrames.mayCarryNeighbor(0x0176));
        assertFalse(NeighborFrames.mayCarryNeighbor(0x0806));
        assertFalse(NeighborFrames.mayCarryNeighbor(-1));
    }
}
