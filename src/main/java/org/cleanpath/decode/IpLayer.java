package org.cleanpath.decode;

/**
 * One IP header with its transport header, as decoded in place (mutable, reused; see {@link Packet}).
 *
 * <p>Addresses are kept as two longs each: IPv6 as-is, IPv4 as the IPv4-mapped IPv6 address
 * {@code ::ffff:a.b.c.d} (hi = 0, lo = 0x0000_ffff_xxxx_xxxx), so one key layout serves both.
 */
public final class IpLayer {
    public static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    public int version;
    public long srcHi, srcLo, dstHi, dstLo;
    /** Transport protocol number after all extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP ...). */
    public int protocol;
    /** Length of the IP datagram on the wire (header + payload) according to its header. */
    public int ipLength;
    public int ttl;

    /** True when the transport header was decoded (false for non-first fragments and cut headers). */
    public boolean hasTransport;
    /** TCP/UDP/SCTP ports; 0 otherwise. */
    public int srcPort, dstPort;
    /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20 ...). */
    public int tcpFlags;
    /** TCP sequence number (unsigned 32 bits), for reassembling what a client sends first. */
    public long tcpSeq;
    /** ICMP/ICMPv6 type and code; -1 when not ICMP. */
    public int icmpType = -1, icmpCode = -1;
    /** ICMP echo identifier; -1 otherwise. */
    public int icmpId = -1;

    /** Offset of the transport payload in the frame buffer. */
    public int payloadOffset;
    /** Transport payload length per the headers (what Zeek counts as orig_bytes/resp_bytes). */
    public int payloadLength;
    /** Payload bytes actually present in the capture (less than payloadLength when truncated). */
    public int capturedPayloadLength;

    /** Fragment facts: a datagram is fragmented when offset != 0 or more-fragments is set. */
    public boolean fragment;
    public int fragmentOffset;
    public boolean moreFragments;
    public long fragmentId;

    /** How this layer is carried inside ip[i-1]; NONE for ip[0]. */
    public Tunnel tunnel = Tunnel.NONE;
    /** GTP TEID, VXLAN/Geneve VNI, GRE key; -1 when none. */
    public long tunnelId = -1;
    /** 5G QoS flow identifier from a GTP-U PDU Session Container; -1 when none. */
    public int qfi = -1;

    /** Header quoted in an ICMP error (for traceroute hops); valid when hasQuoted. */
    public boolean hasQuoted;
    public int quotedVersion;
    public long quotedSrcHi, quotedSrcLo, quotedDstHi, quotedDstLo;
    public int quotedProtocol;
    public int quotedSrcPort, quotedDstPort;
    public int quotedTtl;

    public void reset() {
        version = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        protocol = 0;
        ipLength = 0;
        ttl = 0;
        hasTransport = false;
        srcPort = dstPort = 0;
        tcpFlags = 0;
        tcpSeq = 0;
        icmpType = icmpCode = icmpId = -1;
        payloadOffset = payloadLength = capturedPayloadLength = 0;
        fragment = false;
        fragmentOffset = 0;
        moreFragments = false;
        fragmentId = 0;
        tunnel = Tunnel.NONE;
        tunnelId = -1;
        qfi = -1;
        hasQuoted = false;
        quotedVersion = 0;
        quotedSrcHi = quotedSrcLo = quotedDstHi = quotedDstLo = 0;
        quotedProtocol = 0;
        quotedSrcPort = quotedDstPort = 0;
        quotedTtl = 0;
    }

    public boolean isFirstFragment() {
        return fragment && fragmentOffset == 0;
    }
}
