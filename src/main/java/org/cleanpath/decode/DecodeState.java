package org.cleanpath.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Per-frame scratch state shared by the protocol decoders: the buffer, the frame bounds, the packet
 * being filled and the facts a tunnel hands to the IP layer it carries.
 *
 * <p>One instance per {@link PacketDecoder}, reused for every frame, so decoding allocates nothing.
 * Reads are absolute; wide reads swap bytes when the capture reader left the buffer little-endian,
 * so decoding is independent of the buffer's order.
 */
final class DecodeState {
    /** L2 headers (Ethernet, VLAN tag, MPLS label, PPPoE, PPP, control word) one frame may nest. */
    static final int MAX_L2_LAYERS = 16;

    Packet p;
    ByteBuffer b;
    /** Whether the buffer's own order is network order, so wide reads need no byte swap. */
    boolean bigEndian;
    /** One past the last captured byte of the frame. */
    int frameEnd;
    int l2Depth;
    boolean tooDeep;
    boolean nonIp;
    boolean macsSet;
    /** First reason decoding stopped; only reported when no IP layer decoded. */
    Undecodable reason;

    /** Tunnel facts waiting for the next IP layer (the one the tunnel carries). */
    Tunnel pendingTunnel = Tunnel.NONE;
    long pendingTunnelId = -1;
    int pendingQfi = -1;

    /** Results of {@link Ipv6Decoder#walkExtensions}: next header and offset after the chain. */
    int extNext;
    int extOff;

    void start(Packet packet, ByteBuffer buffer, int end) {
        p = packet;
        b = buffer;
        bigEndian = buffer.order() == ByteOrder.BIG_ENDIAN;
        frameEnd = end;
        l2Depth = 0;
        tooDeep = false;
        nonIp = false;
        macsSet = false;
        reason = null;
        pendingTunnel = Tunnel.NONE;
        pendingTunnelId = -1;
        pendingQfi = -1;
    }

    /**
     * True when {@code len} bytes from {@code off} lie before {@code end}; otherwise false, and the
     * packet is marked truncated when the missing bytes lie past the captured end of the frame and
     * no IP length has bounded the data yet. Inside an IP datagram a header running past the end is
     * truncation only if the datagram's length runs past it too, which {@link #payload} and
     * {@link IpDecoder#datagramEnd} already record; otherwise the header is malformed.
     */
    boolean has(int off, int len, int end) {
        if (off >= 0 && len <= end - off) {
            return true;
        }
        if (p.ipCount == 0 && (long) off + len > frameEnd) {
            p.truncated = true;
        }
        return false;
    }

    /** Like {@link #has} but without marking truncation, for data that may legitimately be short. */
    static boolean fits(int off, int len, int end) {
        return off >= 0 && len <= end - off;
    }

    /** Counts one more L2 header; false (and TOO_MANY_LAYERS) past {@link #MAX_L2_LAYERS}. */
    private boolean enterL2() {
        if (++l2Depth > MAX_L2_LAYERS) {
            tooDeep = true;
            return false;
        }
        return true;
    }

    /**
     * Enters an L2 header of {@code len} bytes at {@code off}: false when the frame nests too deep
     * or the header is cut short (then TRUNCATED_LINK_HEADER).
     */
    boolean enterL2(int off, int len, int end) {
        if (!enterL2()) {
            return false;
        }
        if (!has(off, len, end)) {
            fail(Undecodable.TRUNCATED_LINK_HEADER);
            return false;
        }
        return true;
    }

    /** Records the ports at the start of a TCP, UDP or SCTP header. */
    void ports(IpLayer l, int off) {
        l.srcPort = u16(off);
        l.dstPort = u16(off + 2);
        l.hasTransport = true;
    }

    void fail(Undecodable why) {
        if (reason == null) {
            reason = why;
        }
    }

    void tunnel(Tunnel kind, long id, int qfi) {
        pendingTunnel = kind;
        pendingTunnelId = id;
        pendingQfi = qfi;
    }

    /** Starts the next IP layer carrying the pending tunnel facts, or null when all are in use. */
    IpLayer addIpLayer(int version) {
        IpLayer l = p.addIpLayer();
        if (l == null) {
            return null;
        }
        l.version = version;
        l.tunnel = pendingTunnel;
        l.tunnelId = pendingTunnelId;
        l.qfi = pendingQfi;
        pendingTunnel = Tunnel.NONE;
        pendingTunnelId = -1;
        pendingQfi = -1;
        return l;
    }

    /**
     * Sets the payload fields of {@code l} for a transport header of {@code hlen} bytes at
     * {@code off} in a datagram whose payload (from {@code off}) is {@code declared} bytes.
     */
    void payload(IpLayer l, int off, int hlen, int declared, int end) {
        int pOff = off + hlen;
        int pLen = Math.max(0, declared - hlen);
        l.payloadOffset = pOff;
        l.payloadLength = pLen;
        l.capturedPayloadLength = Math.max(0, Math.min(pLen, end - pOff));
        if ((long) pOff + pLen > frameEnd) {
            p.truncated = true;
        }
    }

    int u8(int i) {
        return b.get(i) & 0xff;
    }

    int u16(int i) {
        short v = b.getShort(i);
        return (bigEndian ? v : Short.reverseBytes(v)) & 0xffff;
    }

    long u32(int i) {
        int v = b.getInt(i);
        return (bigEndian ? v : Integer.reverseBytes(v)) & 0xffff_ffffL;
    }

    long u48(int i) {
        return ((long) u16(i) << 32) | u32(i + 2);
    }

    long u64(int i) {
        long v = b.getLong(i);
        return bigEndian ? v : Long.reverseBytes(v);
    }
}
