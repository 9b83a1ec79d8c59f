package org.cleanpath.decode;

/** IPv4 (RFC 791) with options and fragments. */
final class Ipv4Decoder {
    private static final int MIN_HEADER = 20;

    private Ipv4Decoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, MIN_HEADER, end)) {
            s.fail(Undecodable.TRUNCATED_IP_HEADER);
            return;
        }
        int versionIhl = s.u8(off);
        if (versionIhl >>> 4 != 4) {
            s.fail(Undecodable.BAD_IP_VERSION);
            return;
        }
        int hlen = (versionIhl & 0x0F) * 4;
        if (hlen < MIN_HEADER) {
            s.fail(Undecodable.BAD_IP_HEADER);
            return;
        }
        if (!s.has(off, hlen, end)) {
            s.fail(Undecodable.TRUNCATED_IP_HEADER);
            return;
        }
        int total = s.u16(off + 2);
        if (total == 0) {
            // Segmentation offload captures leave total length 0: the frame is the datagram.
            total = end - off;
        }
        if (total < hlen) {
            s.fail(Undecodable.BAD_IP_HEADER);
            return;
        }
        IpLayer l = s.addIpLayer(4);
        if (l == null) {
            return;
        }
        l.ipLength = total;
        l.ttl = s.u8(off + 8);
        l.protocol = s.u8(off + 9);
        l.srcLo = IpLayer.V4_MAPPED_PREFIX | s.u32(off + 12);
        l.dstLo = IpLayer.V4_MAPPED_PREFIX | s.u32(off + 16);
        int flagsOffset = s.u16(off + 6);
        l.fragmentId = s.u16(off + 4);
        l.moreFragments = (flagsOffset & 0x2000) != 0;
        l.fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        l.fragment = l.moreFragments || l.fragmentOffset != 0;
        int datagramEnd = IpDecoder.datagramEnd(s, off, total, end);
        IpDecoder.decodePayload(s, l, l.protocol, off + hlen, total - hlen, datagramEnd);
    }
}
