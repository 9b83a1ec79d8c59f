package org.cleanpath.decode;

/**
 * Ethernet II and IEEE 802.3 (LLC, SNAP) frames, and the EtherType dispatch every L2 decoder
 * shares.
 */
final class EthernetDecoder {
    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86DD;
    static final int VLAN = 0x8100;
    static final int QINQ = 0x88A8;
    static final int QINQ_OLD = 0x9100;
    static final int MPLS_UNICAST = 0x8847;
    static final int MPLS_MULTICAST = 0x8848;
    static final int PPPOE_SESSION = 0x8864;
    /** Length of a Broadcom switch tag (the DSA_TAG_BRCM link types; opcode, class, port map). */
    static final int BRCM_TAG = 4;
    /** EtherType values start here; smaller values are 802.3 length fields. */
    private static final int MIN_ETHERTYPE = 0x0600;
    private static final int HEADER = 14;
    private static final int LLC_SNAP = 0xAA;

    private EthernetDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        decodeTagged(s, off, end, 0);
    }

    /**
     * A frame from a switch port whose tag of {@code tagLength} bytes sits between the source MAC
     * and the EtherType (Broadcom's DSA tag, as tcpdump reads LINKTYPE_DSA_TAG_BRCM). The tag says
     * which switch port the frame came from or goes to; the flow does not depend on it.
     */
    static void decodeTagged(DecodeState s, int off, int end, int tagLength) {
        if (!s.enterL2(off, HEADER + tagLength, end)) {
            return;
        }
        if (!s.macsSet) {
            s.p.dstMac = s.u48(off);
            s.p.srcMac = s.u48(off + 6);
            s.macsSet = true;
        }
        decodeEtherType(s, s.u16(off + 12 + tagLength), off + HEADER + tagLength, end);
    }

    /** A frame behind a switch tag of {@code tagLength} bytes (LINKTYPE_DSA_TAG_BRCM_PREPEND). */
    static void decodePrepended(DecodeState s, int off, int end, int tagLength) {
        if (!s.enterL2(off, tagLength, end)) {
            return;
        }
        decode(s, off + tagLength, end);
    }

    /** 802.3 frame: only LLC SNAP with OUI 0 carries an EtherType (and maybe IP); the rest is non-IP. */
    private static void decodeLlc(DecodeState s, int length, int off, int end) {
        if (DecodeState.fits(off, 8, end) && s.u8(off) == LLC_SNAP && s.u8(off + 1) == LLC_SNAP
                && s.u8(off + 2) == 0x03 && s.u16(off + 3) == 0 && s.u8(off + 5) == 0
                && s.u16(off + 6) >= MIN_ETHERTYPE) {
            decodeEtherType(s, s.u16(off + 6), off + 8, end);
            return;
        }
        s.p.etherType = length;
        s.nonIp = true;
    }

    /**
     * Continues with the protocol {@code type} (an EtherType, or an 802.3 length) names at
     * {@code off}; non-IP types end decoding.
     */
    static void decodeEtherType(DecodeState s, int type, int off, int end) {
        if (type < MIN_ETHERTYPE) {
            decodeLlc(s, type, off, end);
            return;
        }
        s.p.etherType = type;
        switch (type) {
            case IPV4 -> Ipv4Decoder.decode(s, off, end);
            case IPV6 -> Ipv6Decoder.decode(s, off, end);
            case VLAN, QINQ, QINQ_OLD -> VlanDecoder.decode(s, off, end);
            case MPLS_UNICAST, MPLS_MULTICAST -> MplsDecoder.decode(s, off, end);
            case PPPOE_SESSION -> PppoeDecoder.decode(s, off, end);
            default -> s.nonIp = true;
        }
    }
}
