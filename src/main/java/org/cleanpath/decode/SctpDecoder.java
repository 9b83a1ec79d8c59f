package org.cleanpath.decode;

/** SCTP (RFC 9260) common header: ports; the chunks are the payload. */
final class SctpDecoder {
    private static final int HEADER = 12;

    private SctpDecoder() {}

    static void decode(DecodeState s, IpLayer l, int off, int declared, int end) {
        if (!s.has(off, HEADER, end)) {
            return;
        }
        s.ports(l, off);
        s.payload(l, off, HEADER, declared, end);
    }
}
