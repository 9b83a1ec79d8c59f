package org.cleanpath.attribute.vendor;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Entry point for the pipeline's non-IP Ethernet frames: finds an LLDP (EtherType 0x88cc) or CDP
 * (802.3 length + LLC SNAP 00:00:0c/0x2000) PDU behind the Ethernet header and up to
 * {@link #MAX_TAGS} VLAN tags, and parses it. Never throws on garbage.
 */
public final class NeighborFrames {
    /** VLAN tags skipped before giving up (802.1Q, 802.1ad, and the old QinQ 0x9100). */
    static final int MAX_TAGS = 4;

    private static final int ETHERNET_HEADER = 14;
    /** Largest 802.3 length value; from 0x0600 up the field is an EtherType. */
    private static final int MAX_8023_LENGTH = 1500;
    private static final int SNAP_HEADER = 8;

    private NeighborFrames() {}

    /**
     * Whether a frame the decode stage left as NON_IP with this EtherType (or 802.3 length, below
     * 0x0600) may carry LLDP or CDP: a cheap filter before {@link #parse}.
     */
    public static boolean mayCarryNeighbor(int etherType) {
        return etherType == Lldp.ETHERTYPE || (etherType >= 0 && etherType <= MAX_8023_LENGTH);
    }

    /**
     * @param frame buffer holding a whole Ethernet frame (read with absolute gets only)
     * @param offset index of the frame's first byte (the destination MAC)
     * @param length bytes of the frame present
     */
    public static Optional<Neighbor> parse(ByteBuffer frame, int offset, int length) {
        if (offset < 0 || length < ETHERNET_HEADER || offset > frame.limit() - ETHERNET_HEADER) {
            return Optional.empty();
        }
        int end = offset + Math.min(length, frame.limit() - offset);
        long source = Wire.mac(frame, offset + 6);
        int pos = offset + 12;
        int type = Wire.u16(frame, pos);
        pos += 2;
        for (int tags = 0; isVlanTag(type) && tags < MAX_TAGS && pos + 4 <= end; tags++) {
            type = Wire.u16(frame, pos + 2);
            pos += 4;
        }
        if (type == Lldp.ETHERTYPE) {
            return Lldp.parse(frame, pos, end - pos, source);
        }
        if (type <= MAX_8023_LENGTH) {
            int llcEnd = Math.min(end, pos + type);
            if (llcEnd - pos >= SNAP_HEADER && Wire.u16(frame, pos) == 0xaaaa
                    && Wire.u32(frame, pos + 2) == 0x0300_000cL && Wire.u16(frame, pos + 6) == Cdp.PID) {
                return Cdp.parse(frame, pos + SNAP_HEADER, llcEnd - pos - SNAP_HEADER, source);
            }
        }
        return Optional.empty();
    }

    private static boolean isVlanTag(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100;
    }
}
