package org.cleanpath.flow;

import java.util.List;

/**
 * One finished (or flushed) bidirectional flow: what {@code cleanpath flows} reports per line.
 *
 * <p>Addresses are two longs each (IPv4 as IPv4-mapped IPv6); {@link IpText} formats them.
 * Optional numbers are -1 when absent. {@code attachment} is what a later stage attached to the flow
 * while it was open (see {@link FlowTracker#attach}), or null. {@code sequence} numbers the flows of
 * a run in the order they began; the flow's uid derives from it.
 */
public record FlowRecord(
        long sequence,
        long firstNanos,
        long lastNanos,
        int protocol,
        long origHi, long origLo, int origPort,
        long respHi, long respLo, int respPort,
        long origPackets, long respPackets,
        long origIpBytes, long respIpBytes,
        long origBytes, long respBytes,
        ConnState connState,
        int origTcpFlags, int respTcpFlags,
        int vlan, int innerVlan,
        List<Integer> mplsLabels,
        long origMac, long respMac,
        long nonFirstFragments,
        Tunnel tunnel,
        End end,
        Object attachment) {

    /**
     * The Zeek-style uid ({@link Uids}), made when asked for: a report that shows few flows (the
     * text report of {@code analyze}) then never spends a string and two arrays on each of the
     * others, on the packet loop's thread.
     */
    public String uid() {
        return Uids.of(sequence);
    }

    /** Why the flow was reported. */
    public enum End {
        /** Idle longer than its protocol's timeout (in packet time). */
        TIMEOUT,
        /** A TCP connection closed (FIN both ways, or RST) and its close delay passed. */
        CLOSED,
        /** Pushed out of a full flow table while still active. */
        EVICTED,
        /** A new connection (TCP SYN) reused the 5-tuple of a finished one. */
        REUSED,
        /** Still open when the input ended. */
        END_OF_INPUT;

        private final String key = name().toLowerCase(java.util.Locale.ROOT);

        /** How output names it: timeout, closed, evicted, reused, end_of_input. */
        public String key() {
            return key;
        }
    }

    /**
     * The tunnel that carried a flow: its kind, the outer flow's uid and endpoints (oriented like
     * the inner flow: outer originator = outer source of the inner originator's packets), ids per
     * direction (GTP TEID, VXLAN VNI, GRE key) and the 5G QFI.
     */
    public record Tunnel(
            String kind,
            String parentUid,
            long outerOrigHi, long outerOrigLo,
            long outerRespHi, long outerRespLo,
            long origTunnelId, long respTunnelId,
            int origQfi, int respQfi) {}

    public double durationSeconds() {
        return (lastNanos - firstNanos) / 1e9;
    }

    public String protocolName() {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1, 58 -> "icmp";
            case 132 -> "sctp";
            default -> Integer.toString(protocol);
        };
    }

    public boolean isV4() {
        return IpText.isV4(origHi, origLo);
    }
}
