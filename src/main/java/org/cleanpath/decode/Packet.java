package org.cleanpath.decode;

import java.nio.ByteBuffer;

/**
 * What the decoders found in one frame: link-layer facts, then the stack of IP layers from the
 * outermost (ip[0]) to the innermost (ip[ipCount - 1]), each with its transport header.
 *
 * <p>Mutable and reused for every frame (hot path: no per-packet allocation); {@link #reset()}
 * clears it. Values off the hot path (flows, reports) are immutable records built from it.
 */
public final class Packet {
    /** Deepest IP nesting decoded; decoding stops there and the frame stays DECODED with the layers so far. */
    public static final int MAX_IP_LAYERS = 4;
    /** Most VLAN tags / MPLS labels recorded; further ones are skipped but still decoded past. */
    public static final int MAX_TAGS = 8;

    public Outcome outcome = Outcome.UNDECODABLE;
    /** Why the frame is undecodable; null when it is not. */
    public Undecodable reason;
    /** Set when the capture cut the frame short (snaplen): decoding went as far as the bytes go. */
    public boolean truncated;

    /** The frame's buffer; payload offsets below index into it. */
    public ByteBuffer buffer;

    /** Outermost Ethernet addresses as 48-bit values, -1 when the link has none. */
    public long srcMac = -1;
    public long dstMac = -1;
    /**
     * The EtherType (or 802.3 length field, below 0x0600, for LLC frames) of the payload that ended
     * L2 decoding: the innermost one for IP frames, the non-IP protocol for the rest.
     */
    public int etherType = -1;
    /** VLAN ids in the order met, outermost first (tags inside tunnels follow the outer ones). */
    public int vlanCount;
    public final int[] vlanIds = new int[MAX_TAGS];
    /** MPLS labels in the order met, top of stack first (labels inside tunnels follow). */
    public int mplsCount;
    public final int[] mplsLabels = new int[MAX_TAGS];

    public int ipCount;
    public final IpLayer[] ip = new IpLayer[MAX_IP_LAYERS];

    public Packet() {
        for (int i = 0; i < MAX_IP_LAYERS; i++) {
            ip[i] = new IpLayer();
        }
    }

    public void reset() {
        outcome = Outcome.UNDECODABLE;
        reason = null;
        truncated = false;
        buffer = null;
        srcMac = -1;
        dstMac = -1;
        etherType = -1;
        vlanCount = 0;
        mplsCount = 0;
        for (int i = 0; i < ipCount; i++) {
            ip[i].reset();
        }
        ipCount = 0;
    }

    /** Starts the next IP layer, or returns null when {@link #MAX_IP_LAYERS} are in use. */
    public IpLayer addIpLayer() {
        if (ipCount == MAX_IP_LAYERS) {
            return null;
        }
        return ip[ipCount++];
    }

    public IpLayer innermost() {
        return ipCount == 0 ? null : ip[ipCount - 1];
    }

    public void addVlan(int vid) {
        if (vlanCount < MAX_TAGS) {
            vlanIds[vlanCount++] = vid;
        }
    }

    public void addMplsLabel(int label) {
        if (mplsCount < MAX_TAGS) {
            mplsLabels[mplsCount++] = label;
        }
    }

    public void undecodable(Undecodable why) {
        outcome = Outcome.UNDECODABLE;
        reason = why;
    }
}
