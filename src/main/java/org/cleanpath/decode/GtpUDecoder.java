package org.cleanpath.decode;

/**
 * GTP-U (3GPP TS 29.281, UDP port 2152): version 1 G-PDUs only (message type 0xFF). TEID into
 * tunnelId; the extension header chain is walked, and a PDU Session Container (TS 38.415) gives
 * the 5G QoS flow identifier. The carried user packet is IPv4 or IPv6 by its version nibble.
 */
final class GtpUDecoder {
    private static final int HEADER = 8;
    private static final int OPTIONAL_FIELDS = 4;
    private static final int G_PDU = 0xFF;
    private static final int FLAG_PT = 0x10;
    private static final int FLAGS_E_S_PN = 0x07;
    private static final int FLAG_E = 0x04;
    private static final int PDU_SESSION_CONTAINER = 0x85;
    private static final int MAX_EXTENSIONS = 16;

    private GtpUDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, HEADER, end)) {
            return;
        }
        int flags = s.u8(off);
        if (flags >>> 5 != 1 || (flags & FLAG_PT) == 0 || s.u8(off + 1) != G_PDU) {
            return;
        }
        long teid = s.u32(off + 4);
        int gtpEnd = Math.min(end, off + HEADER + s.u16(off + 2));
        int inner = off + HEADER;
        int qfi = -1;
        if ((flags & FLAGS_E_S_PN) != 0) {
            if (!s.has(off, HEADER + OPTIONAL_FIELDS, gtpEnd)) {
                return;
            }
            int next = (flags & FLAG_E) != 0 ? s.u8(off + 11) : 0;
            inner += OPTIONAL_FIELDS;
            for (int count = 0; next != 0; count++) {
                if (count == MAX_EXTENSIONS || !s.has(inner, 1, gtpEnd)) {
                    return;
                }
                int len = s.u8(inner) * 4;
                if (len == 0 || !s.has(inner, len, gtpEnd)) {
                    return;
                }
                if (next == PDU_SESSION_CONTAINER && len >= 4) {
                    qfi = s.u8(inner + 2) & 0x3F;
                }
                next = s.u8(inner + len - 1);
                inner += len;
            }
        }
        s.tunnel(Tunnel.GTP_U, teid, qfi);
        IpDecoder.decodeByVersion(s, inner, gtpEnd);
    }
}
