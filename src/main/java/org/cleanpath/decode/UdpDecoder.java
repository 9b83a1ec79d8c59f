package org.cleanpath.decode;

/** UDP (RFC 768), and the tunnels recognised by their well-known UDP ports. */
final class UdpDecoder {
    static final int HEADER = 8;
    static final int VXLAN_PORT = 4789;
    static final int GENEVE_PORT = 6081;
    static final int GTP_U_PORT = 2152;

    private UdpDecoder() {}

    static void decode(DecodeState s, IpLayer l, int off, int declared, int end) {
        if (!s.has(off, HEADER, end)) {
            return;
        }
        s.ports(l, off);
        int length = s.u16(off + 4);
        // A first fragment's UDP length covers the whole datagram; trust it only within the IP payload.
        if (length < HEADER || length > declared) {
            length = declared;
        }
        s.payload(l, off, HEADER, length, end);
        if (l.fragmentOffset != 0) {
            return;
        }
        // A first fragment still carries the tunnel headers and usually the inner headers: decode
        // them as far as its bytes go (Wireshark does the same after reassembly).
        int payload = l.payloadOffset;
        int payloadEnd = Math.min(end, payload + l.payloadLength);
        if (l.dstPort == VXLAN_PORT) {
            VxlanDecoder.decode(s, payload, payloadEnd);
        } else if (l.dstPort == GENEVE_PORT) {
            GeneveDecoder.decode(s, payload, payloadEnd);
        } else if (l.dstPort == GTP_U_PORT || l.srcPort == GTP_U_PORT) {
            GtpUDecoder.decode(s, payload, payloadEnd);
        }
    }
}
