package org.cleanpath.decode;

/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, echo identifier, and for error messages the
 * quoted IP header and first transport bytes (what traceroute hops reveal). The quoted header is
 * recorded in the {@code quoted*} fields, never as an IP layer of its own.
 */
final class IcmpDecoder {
    private static final int HEADER = 8;

    private IcmpDecoder() {}

    static void decode(DecodeState s, IpLayer l, int off, int declared, int end, boolean v6) {
        if (!s.has(off, 4, end)) {
            return;
        }
        int type = s.u8(off);
        l.icmpType = type;
        l.icmpCode = s.u8(off + 1);
        l.hasTransport = true;
        if (!s.has(off, HEADER, end)) {
            return;
        }
        s.payload(l, off, HEADER, declared, end);
        if (v6 ? type == 128 || type == 129 : type == 8 || type == 0) {
            l.icmpId = s.u16(off + 4);
        } else if (v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
            decodeQuoted(s, l, off + HEADER, end);
        }
    }

    /** The invoking packet's header; ICMP quotes only part of it, so short data is not truncation. */
    private static void decodeQuoted(DecodeState s, IpLayer l, int off, int end) {
        if (!DecodeState.fits(off, 1, end)) {
            return;
        }
        int version = s.u8(off) >>> 4;
        int transport;
        if (version == 4) {
            int hlen = (s.u8(off) & 0x0F) * 4;
            if (hlen < 20 || !DecodeState.fits(off, 20, end)) {
                return;
            }
            l.quotedTtl = s.u8(off + 8);
            l.quotedProtocol = s.u8(off + 9);
            l.quotedSrcHi = 0;
            l.quotedSrcLo = IpLayer.V4_MAPPED_PREFIX | s.u32(off + 12);
            l.quotedDstHi = 0;
            l.quotedDstLo = IpLayer.V4_MAPPED_PREFIX | s.u32(off + 16);
            transport = (s.u16(off + 6) & 0x1FFF) == 0 ? off + hlen : -1;
        } else if (version == 6) {
            if (!DecodeState.fits(off, 40, end)) {
                return;
            }
            l.quotedTtl = s.u8(off + 7);
            l.quotedSrcHi = s.u64(off + 8);
            l.quotedSrcLo = s.u64(off + 16);
            l.quotedDstHi = s.u64(off + 24);
            l.quotedDstLo = s.u64(off + 32);
            boolean complete = Ipv6Decoder.walkExtensions(s, null, s.u8(off + 6), off + 40, end);
            l.quotedProtocol = s.extNext;
            transport = complete ? s.extOff : -1;
        } else {
            return;
        }
        l.quotedVersion = version;
        l.hasQuoted = true;
        int p = l.quotedProtocol;
        if ((p == IpDecoder.TCP || p == IpDecoder.UDP || p == IpDecoder.SCTP)
                && transport >= 0 && DecodeState.fits(transport, 4, end)) {
            l.quotedSrcPort = s.u16(transport);
            l.quotedDstPort = s.u16(transport + 2);
        }
    }
}
