package org.cleanpath.decode;

/** PPP (RFC 1661) as a link type, inside PPPoE and inside enhanced GRE (PPTP). */
final class PppDecoder {
    static final int IPV4 = 0x0021;
    static final int IPV6 = 0x0057;
    static final int MPLS_UNICAST = 0x0281;
    static final int MPLS_MULTICAST = 0x0283;

    private PppDecoder() {}

    /** A PPP frame: optional address/control bytes 0xFF 0x03, then a 1- or 2-byte protocol field. */
    static void decodeFrame(DecodeState s, int off, int end) {
        if (!s.enterL2(off, 2, end)) {
            return;
        }
        if (s.u8(off) == 0xFF && s.u8(off + 1) == 0x03) {
            off += 2;
        }
        if (!s.has(off, 1, end)) {
            s.fail(Undecodable.TRUNCATED_LINK_HEADER);
            return;
        }
        // Protocol-field compression (RFC 1661 6.5): an odd first byte is a 1-byte protocol.
        if ((s.u8(off) & 1) != 0) {
            decodeProtocol(s, s.u8(off), off + 1, end);
        } else if (s.has(off, 2, end)) {
            decodeProtocol(s, s.u16(off), off + 2, end);
        } else {
            s.fail(Undecodable.TRUNCATED_LINK_HEADER);
        }
    }

    static void decodeProtocol(DecodeState s, int protocol, int off, int end) {
        switch (protocol) {
            case IPV4 -> Ipv4Decoder.decode(s, off, end);
            case IPV6 -> Ipv6Decoder.decode(s, off, end);
            case MPLS_UNICAST, MPLS_MULTICAST -> MplsDecoder.decode(s, off, end);
            default -> s.nonIp = true;
        }
    }
}
