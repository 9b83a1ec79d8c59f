package org.cleanpath.decode;

/**
 * GRE (RFC 2784/2890, version 0, key into tunnelId) and enhanced GRE (RFC 2637 PPTP, version 1,
 * call id into tunnelId). Payloads other than IP, Ethernet, MPLS, ERSPAN, PPP and Cisco MetaData
 * (CDP, STP, PIM ...) end decoding quietly: the outer IP layer stays the innermost.
 */
final class GreDecoder {
    private static final int CHECKSUM = 0x8000;
    private static final int ROUTING = 0x4000;
    private static final int KEY = 0x2000;
    private static final int SEQUENCE = 0x1000;
    private static final int ACK = 0x0080;
    static final int TRANSPARENT_ETHERNET = 0x6558;
    static final int ERSPAN_II = 0x88BE;
    static final int ERSPAN_III = 0x22EB;
    static final int PPP = 0x880B;
    /** Cisco MetaData (TrustSec SGT): in GRE an 8-byte header that starts with the inner EtherType. */
    static final int CISCO_METADATA = 0x8909;
    private static final int CISCO_METADATA_HEADER = 8;

    private GreDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, 4, end)) {
            return;
        }
        int flags = s.u16(off);
        int protocol = s.u16(off + 2);
        int version = flags & 0x7;
        int hlen = 4;
        long key = -1;
        if (version == 0) {
            if ((flags & ROUTING) != 0) {
                return; // RFC 1701 source routing: obsolete, not decoded
            }
            if ((flags & CHECKSUM) != 0) {
                hlen += 4;
            }
            if ((flags & KEY) != 0) {
                if (!s.has(off, hlen + 4, end)) {
                    return;
                }
                key = s.u32(off + hlen);
                hlen += 4;
            }
        } else if (version == 1 && protocol == PPP && (flags & KEY) != 0) {
            hlen += 4;
            if (!s.has(off, hlen, end)) {
                return;
            }
            key = s.u16(off + 6);
            if ((flags & ACK) != 0) {
                hlen += 4;
            }
        } else {
            return;
        }
        if ((flags & SEQUENCE) != 0) {
            hlen += 4;
        }
        if (!s.has(off, hlen, end)) {
            return;
        }
        decodePayload(s, protocol, (flags & SEQUENCE) != 0, key, off + hlen, end);
    }

    private static void decodePayload(DecodeState s, int protocol, boolean sequenced, long key, int off, int end) {
        switch (protocol) {
            case ERSPAN_II -> ErspanDecoder.decodeTypeII(s, sequenced, off, end);
            case ERSPAN_III -> ErspanDecoder.decodeTypeIII(s, off, end);
            case PPP -> {
                s.tunnel(Tunnel.GRE, key, -1);
                PppDecoder.decodeFrame(s, off, end);
            }
            case CISCO_METADATA -> {
                if (s.has(off, CISCO_METADATA_HEADER, end)) {
                    int inner = s.u16(off);
                    if (inner != CISCO_METADATA) { // it cannot nest; refusing keeps recursion flat
                        decodePayload(s, inner, false, key, off + CISCO_METADATA_HEADER, end);
                    }
                }
            }
            default -> decodeCarried(s, Tunnel.GRE, key, protocol, off, end);
        }
    }

    /**
     * Decodes a tunnel payload named by an EtherType (IPv4, IPv6, transparent Ethernet, MPLS), as
     * GRE and Geneve do; anything else (CDP, STP, PIM ...) ends decoding quietly.
     */
    static void decodeCarried(DecodeState s, Tunnel kind, long id, int etherType, int off, int end) {
        switch (etherType) {
            case EthernetDecoder.IPV4 -> {
                s.tunnel(kind, id, -1);
                Ipv4Decoder.decode(s, off, end);
            }
            case EthernetDecoder.IPV6 -> {
                s.tunnel(kind, id, -1);
                Ipv6Decoder.decode(s, off, end);
            }
            case TRANSPARENT_ETHERNET -> {
                s.tunnel(kind, id, -1);
                EthernetDecoder.decode(s, off, end);
            }
            case EthernetDecoder.MPLS_UNICAST, EthernetDecoder.MPLS_MULTICAST -> {
                s.tunnel(kind, id, -1);
                MplsDecoder.decode(s, off, end);
            }
            default -> {
                // not a payload this project decodes
            }
        }
    }
}
