package org.cleanpath.decode;

/**
 * Geneve (RFC 8926, UDP port 6081): 8-byte header plus options, VNI into tunnelId, payload named by
 * an EtherType (0x6558 Ethernet, IPv4/IPv6 directly, or MPLS).
 */
final class GeneveDecoder {
    private static final int HEADER = 8;

    private GeneveDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, HEADER, end)) {
            return;
        }
        int first = s.u8(off);
        if (first >>> 6 != 0) {
            return; // only version 0 is defined
        }
        int hlen = HEADER + (first & 0x3F) * 4;
        if (!s.has(off, hlen, end)) {
            return;
        }
        GreDecoder.decodeCarried(s, Tunnel.GENEVE, s.u32(off + 4) >>> 8, s.u16(off + 2), off + hlen, end);
    }
}
