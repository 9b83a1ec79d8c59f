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
    /** EtherType values start here; smaller values are 802.3 length fields. */
    private static final int MIN_ETHERTYPE = 0x0600;
    private static final int HEADER = 14;
    private static final int LLC_SNAP = 0xAA;

    private EthernetDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.enterL2(off, HEADER, end)) {
            return;
        }
        if (!s.macsSet) {
            s.p.dstMac = s.u48(off);
            s.p.srcMac = s.u48(off + 6);
            s.macsSet = true;
        }
        decodeEtherType(s, s.u16(off + 12), off + HEADER, end);
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
