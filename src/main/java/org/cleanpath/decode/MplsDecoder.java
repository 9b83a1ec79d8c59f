package org.cleanpath.decode;

/**
 * MPLS label stacks (EtherType 0x8847/0x8848, PPP 0x0281). The payload after bottom-of-stack is
 * not named on the wire: guess it from the first nibble (4 IPv4, 6 IPv6, 0 pseudowire control
 * word followed by Ethernet), as Suricata and Wireshark do.
 */
final class MplsDecoder {
    private static final int ENTRY = 4;

    private MplsDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        boolean bottom = false;
        while (!bottom) {
            if (!s.enterL2(off, ENTRY, end)) {
                return;
            }
            long entry = s.u32(off);
            s.p.addMplsLabel((int) (entry >>> 12));
            bottom = (entry & 0x100) != 0;
            off += ENTRY;
        }
        if (!s.has(off, 1, end)) {
            s.fail(Undecodable.TRUNCATED_LINK_HEADER);
            return;
        }
        switch (s.u8(off) >>> 4) {
            case 4 -> Ipv4Decoder.decode(s, off, end);
            case 6 -> Ipv6Decoder.decode(s, off, end);
            case 0 -> decodeControlWord(s, off, end);
            default -> s.fail(Undecodable.BAD_MPLS);
        }
    }

    /** Ethernet pseudowire (RFC 4448): a 4-byte control word, then the customer's Ethernet frame. */
    private static void decodeControlWord(DecodeState s, int off, int end) {
        if (!s.enterL2(off, ENTRY, end)) {
            return;
        }
        EthernetDecoder.decode(s, off + ENTRY, end);
    }
}
