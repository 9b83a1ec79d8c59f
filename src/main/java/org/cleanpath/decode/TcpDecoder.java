package org.cleanpath.decode;

/** TCP (RFC 9293): ports, flags, and the payload after the data offset. */
final class TcpDecoder {
    private static final int MIN_HEADER = 20;

    private TcpDecoder() {}

    static void decode(DecodeState s, IpLayer l, int off, int declared, int end) {
        if (!s.has(off, MIN_HEADER, end)) {
            return;
        }
        int hlen = (s.u8(off + 12) >>> 4) * 4;
        if (hlen < MIN_HEADER) {
            return;
        }
        s.ports(l, off);
        l.tcpFlags = s.u8(off + 13);
        l.tcpSeq = s.u32(off + 4);
        s.payload(l, off, hlen, declared, end);
    }
}
