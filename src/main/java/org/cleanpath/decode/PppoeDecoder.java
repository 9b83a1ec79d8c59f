package org.cleanpath.decode;

/** PPPoE session stage (EtherType 0x8864, RFC 2516): a 6-byte header, then a PPP protocol field. */
final class PppoeDecoder {
    private static final int HEADER = 6;

    private PppoeDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.enterL2(off, HEADER + 2, end)) {
            return;
        }
        if (s.u8(off) != 0x11 || s.u8(off + 1) != 0) {
            s.fail(Undecodable.BAD_TUNNEL_HEADER);
            return;
        }
        int sessionEnd = off + HEADER + s.u16(off + 4);
        PppDecoder.decodeProtocol(s, s.u16(off + HEADER), off + HEADER + 2, Math.min(end, sessionEnd));
    }
}
