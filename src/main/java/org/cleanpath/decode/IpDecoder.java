package org.cleanpath.decode;

/**
 * What IPv4 and IPv6 share: choosing the version where the link does not say (raw IP links, MPLS,
 * GTP-U), and handing an IP payload to its transport or tunnel decoder.
 */
final class IpDecoder {
    static final int ICMP = 1;
    static final int IPIP = 4;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int IPV6_ENCAPSULATION = 41;
    static final int GRE = 47;
    static final int ICMPV6 = 58;
    static final int SCTP = 132;

    private IpDecoder() {}

    /** A raw IP link: the version nibble picks the decoder. */
    static void decodeRaw(DecodeState s, int off, int end) {
        if (!s.has(off, 1, end)) {
            s.fail(Undecodable.TRUNCATED_IP_HEADER);
            return;
        }
        int version = s.u8(off) >>> 4;
        if (version == 4) {
            EthernetDecoder.decodeEtherType(s, EthernetDecoder.IPV4, off, end);
        } else if (version == 6) {
            EthernetDecoder.decodeEtherType(s, EthernetDecoder.IPV6, off, end);
        } else {
            s.fail(Undecodable.BAD_IP_VERSION);
        }
    }

    /** An IP packet inside a tunnel whose header does not name the version. */
    static void decodeByVersion(DecodeState s, int off, int end) {
        if (!s.has(off, 1, end)) {
            s.fail(Undecodable.TRUNCATED_IP_HEADER);
            return;
        }
        int version = s.u8(off) >>> 4;
        if (version == 4) {
            Ipv4Decoder.decode(s, off, end);
        } else if (version == 6) {
            Ipv6Decoder.decode(s, off, end);
        } else {
            s.fail(Undecodable.BAD_IP_VERSION);
        }
    }

    /**
     * Decodes the payload of {@code l} (protocol {@code protocol}, {@code declared} bytes per the IP
     * header, captured up to {@code end}). The payload fields first describe the whole IP payload;
     * a transport decoder narrows them to its own payload.
     */
    static void decodePayload(DecodeState s, IpLayer l, int protocol, int off, int declared, int end) {
        s.payload(l, off, 0, declared, end);
        if (l.fragmentOffset != 0) {
            return;
        }
        switch (protocol) {
            case TCP -> TcpDecoder.decode(s, l, off, declared, end);
            case UDP -> UdpDecoder.decode(s, l, off, declared, end);
            case SCTP -> SctpDecoder.decode(s, l, off, declared, end);
            case ICMP -> IcmpDecoder.decode(s, l, off, declared, end, false);
            case ICMPV6 -> IcmpDecoder.decode(s, l, off, declared, end, true);
            default -> {
                if (!l.fragment) {
                    decodeTunnel(s, protocol, off, end); // a fragment's tunnel payload is incomplete
                }
            }
        }
    }

    private static void decodeTunnel(DecodeState s, int protocol, int off, int end) {
        switch (protocol) {
            case GRE -> GreDecoder.decode(s, off, end);
            case IPIP -> {
                s.tunnel(Tunnel.IP_IN_IP, -1, -1);
                Ipv4Decoder.decode(s, off, end);
            }
            case IPV6_ENCAPSULATION -> {
                s.tunnel(Tunnel.IP_IN_IP, -1, -1);
                Ipv6Decoder.decode(s, off, end);
            }
            default -> {
                // ESP, OSPF, PIM ...: the IP layer is the innermost fact.
            }
        }
    }

    /** Clips a datagram's end to what the enclosing data holds, marking a snaplen cut as truncated. */
    static int datagramEnd(DecodeState s, int off, int length, int end) {
        long declaredEnd = (long) off + length;
        if (declaredEnd <= end) {
            return (int) declaredEnd;
        }
        if (declaredEnd > s.frameEnd) {
            s.p.truncated = true;
        }
        return end;
    }
}
