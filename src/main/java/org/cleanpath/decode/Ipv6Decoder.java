package org.cleanpath.decode;

/** IPv6 (RFC 8200) and its extension header chain. */
final class Ipv6Decoder {
    private static final int HEADER = 40;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AH = 51;
    private static final int DEST_OPTIONS = 60;
    /** Longer chains are malformed or hostile; RFC 8200 expects at most a handful. */
    private static final int MAX_EXTENSIONS = 16;

    private Ipv6Decoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, HEADER, end)) {
            s.fail(Undecodable.TRUNCATED_IP_HEADER);
            return;
        }
        if (s.u8(off) >>> 4 != 6) {
            s.fail(Undecodable.BAD_IP_VERSION);
            return;
        }
        IpLayer l = s.addIpLayer(6);
        if (l == null) {
            return;
        }
        int payloadLength = s.u16(off + 4);
        // Payload length 0: a jumbogram or a segmentation-offload capture; the frame is the datagram.
        int total = payloadLength == 0 ? end - off : HEADER + payloadLength;
        l.ipLength = total;
        l.ttl = s.u8(off + 7);
        l.srcHi = s.u64(off + 8);
        l.srcLo = s.u64(off + 16);
        l.dstHi = s.u64(off + 24);
        l.dstLo = s.u64(off + 32);
        int datagramEnd = IpDecoder.datagramEnd(s, off, total, end);
        boolean complete = walkExtensions(s, l, s.u8(off + 6), off + HEADER, datagramEnd);
        l.protocol = s.extNext;
        if (!complete) {
            s.payload(l, s.extOff, 0, 0, datagramEnd);
            return;
        }
        IpDecoder.decodePayload(s, l, s.extNext, s.extOff, off + total - s.extOff, datagramEnd);
    }

    /**
     * Walks the extension headers from {@code next} at {@code off}, leaving the final next header
     * in {@code s.extNext} and its offset in {@code s.extOff}; records fragment facts into
     * {@code frag} when it is not null. False when the chain runs past {@code end} or is too long.
     */
    static boolean walkExtensions(DecodeState s, IpLayer frag, int next, int off, int end) {
        for (int count = 0; ; count++) {
            s.extNext = next;
            s.extOff = off;
            int len;
            switch (next) {
                case HOP_BY_HOP, ROUTING, DEST_OPTIONS -> len = (lengthByte(s, off, end) + 1) * 8;
                case AH -> len = (lengthByte(s, off, end) + 2) * 4;
                case FRAGMENT -> len = 8;
                default -> {
                    return true; // ESP, no-next-header (59) and transports end the chain
                }
            }
            if (len <= 0 || count == MAX_EXTENSIONS || !DecodeState.fits(off, len, end)) {
                return false;
            }
            if (next == FRAGMENT && frag != null) {
                int offsetFlags = s.u16(off + 2);
                frag.fragmentOffset = offsetFlags & 0xFFF8;
                frag.moreFragments = (offsetFlags & 1) != 0;
                frag.fragment = frag.fragmentOffset != 0 || frag.moreFragments;
                frag.fragmentId = s.u32(off + 4);
            }
            if (next == ROUTING && frag != null) {
                finalDestination(s, frag, off, len);
            }
            next = s.u8(off);
            off += len;
        }
    }

    /**
     * A type 0 (source route) or type 2 (Mobile IPv6) routing header with segments left names the
     * datagram's real destination: the last listed address. Zeek and Wireshark key flows by it, so do we.
     */
    private static void finalDestination(DecodeState s, IpLayer l, int off, int len) {
        int type = s.u8(off + 2);
        int segmentsLeft = s.u8(off + 3);
        int addresses = (len - 8) / 16;
        if ((type == 0 || type == 2) && segmentsLeft > 0 && addresses > 0) {
            int last = off + 8 + (addresses - 1) * 16;
            l.dstHi = s.u64(last);
            l.dstLo = s.u64(last + 8);
        }
    }

    /** The header's length byte, or -2 (a length of zero or less) when it is cut off. */
    private static int lengthByte(DecodeState s, int off, int end) {
        return DecodeState.fits(off, 2, end) ? s.u8(off + 1) : -2;
    }
}
