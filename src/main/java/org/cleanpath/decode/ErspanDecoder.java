package org.cleanpath.decode;

/**
 * ERSPAN mirror headers inside GRE: type I (no header), type II (8 bytes) and type III (12 bytes,
 * plus an 8-byte platform-specific subheader when the O flag is set). The session id becomes the
 * tunnelId; the mirrored Ethernet frame follows.
 */
final class ErspanDecoder {
    private static final int TYPE_II_HEADER = 8;
    private static final int TYPE_III_HEADER = 12;
    private static final int PLATFORM_SUBHEADER = 8;

    private ErspanDecoder() {}

    /** GRE protocol 0x88BE: type II when GRE carries a sequence number, otherwise type I. */
    static void decodeTypeII(DecodeState s, boolean sequenced, int off, int end) {
        if (!sequenced) {
            s.tunnel(Tunnel.ERSPAN, -1, -1);
            EthernetDecoder.decode(s, off, end);
            return;
        }
        if (!s.has(off, TYPE_II_HEADER, end) || s.u8(off) >>> 4 != 1) {
            return;
        }
        s.tunnel(Tunnel.ERSPAN, sessionId(s, off), -1);
        EthernetDecoder.decode(s, off + TYPE_II_HEADER, end);
    }

    /** GRE protocol 0x22EB. */
    static void decodeTypeIII(DecodeState s, int off, int end) {
        if (!s.has(off, TYPE_III_HEADER, end) || s.u8(off) >>> 4 != 2) {
            return;
        }
        int hlen = TYPE_III_HEADER + ((s.u8(off + 11) & 1) != 0 ? PLATFORM_SUBHEADER : 0);
        s.tunnel(Tunnel.ERSPAN, sessionId(s, off), -1);
        EthernetDecoder.decode(s, off + hlen, end);
    }

    private static long sessionId(DecodeState s, int off) {
        return s.u16(off + 2) & 0x03FF;
    }
}
