package org.cleanpath.flow;

import java.util.function.Consumer;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Packet;

/**
 * The flow stage: counts every IP layer of a decoded packet into its bidirectional flow. A tunnel's
 * outer layer is a flow of its own, and the inner flow remembers which tunnel carried it.
 */
public final class FlowTracker {
    private final FlowTable table;
    private final FragmentPorts fragmentPorts = new FragmentPorts();
    private final int[] layerSlots = new int[Packet.MAX_IP_LAYERS];
    private final boolean[] layerFromOriginator = new boolean[Packet.MAX_IP_LAYERS];
    private final boolean[] layerCreated = new boolean[Packet.MAX_IP_LAYERS];

    public FlowTracker(FlowSettings settings, Consumer<FlowRecord> sink) {
        this.table = new FlowTable(settings, sink);
    }

    /** Counts a decoded packet (outcome DECODED) captured at {@code ts} nanoseconds. */
    public void track(Packet p, long ts) {
        for (int i = 0; i < p.ipCount; i++) {
            IpLayer l = p.ip[i];
            int protocol = l.protocol;
            int sPort, dPort;
            boolean nonFirstFragment = l.fragment && l.fragmentOffset != 0;
            if (nonFirstFragment) {
                int ports = fragmentPorts.lookup(l);
                sPort = ports >>> 16;
                dPort = ports & 0xffff;
            } else if (l.icmpType >= 0) {
                sPort = l.icmpType;
                dPort = IcmpKeys.responderPort(protocol, l.icmpType, l.icmpCode);
            } else {
                sPort = l.srcPort;
                dPort = l.dstPort;
                if (l.fragment && l.hasTransport && fragmentPorts.remember(l, sPort << 16 | dPort)) {
                    nonFirstFragment = true; // a duplicate first fragment: an extra fragment, not a datagram
                }
            }
            int slot = table.track(protocol, l.srcHi, l.srcLo, sPort, l.dstHi, l.dstLo, dPort, ts,
                    l.ipLength, l.hasTransport ? l.payloadLength : 0, l.tcpFlags, nonFirstFragment, p.srcMac);
            boolean fromOriginator = table.lastFromOriginator;
            if (table.lastCreated) {
                onNewFlow(p, i, slot);
            }
            if (i > 0) {
                updateTunnelIds(table.tunnel(slot), l, fromOriginator);
            }
            layerSlots[i] = slot;
            layerFromOriginator[i] = fromOriginator;
            layerCreated[i] = table.lastCreated;
        }
    }

    // What the last tracked packet did, per IP layer: for stages that keep state per flow.

    /** Slot of the flow that IP layer {@code i} of the last packet counted into. */
    public int slot(int layer) {
        return layerSlots[layer];
    }

    public boolean fromOriginator(int layer) {
        return layerFromOriginator[layer];
    }

    public boolean created(int layer) {
        return layerCreated[layer];
    }

    /** What a later stage attached to an open flow; it comes back in {@link FlowRecord#attachment()}. */
    public Object attachment(int slot) {
        return table.attachment(slot);
    }

    public void attach(int slot, Object value) {
        table.attach(slot, value);
    }

    private void onNewFlow(Packet p, int layer, int slot) {
        if (p.vlanCount > 0) {
            table.setVlans(slot, p.vlanIds[0], p.vlanCount > 1 ? p.vlanIds[1] : -1);
        }
        if (p.mplsCount > 0) {
            int[] labels = new int[p.mplsCount];
            System.arraycopy(p.mplsLabels, 0, labels, 0, p.mplsCount);
            table.tunnel(slot).mplsLabels = labels;
        }
        if (layer == 0) {
            return;
        }
        IpLayer outer = p.ip[layer - 1];
        IpLayer inner = p.ip[layer];
        TunnelState t = table.tunnel(slot);
        t.kind = inner.tunnel.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        t.parentSeq = table.sequence(layerSlots[layer - 1]);
        boolean innerFromOriginator = inner.srcHi == table.originatorHi(slot) && inner.srcLo == table.originatorLo(slot);
        if (innerFromOriginator) {
            t.outerOrigHi = outer.srcHi;
            t.outerOrigLo = outer.srcLo;
            t.outerRespHi = outer.dstHi;
            t.outerRespLo = outer.dstLo;
        } else {
            t.outerOrigHi = outer.dstHi;
            t.outerOrigLo = outer.dstLo;
            t.outerRespHi = outer.srcHi;
            t.outerRespLo = outer.srcLo;
        }
    }

    private static void updateTunnelIds(TunnelState t, IpLayer inner, boolean fromOriginator) {
        if (fromOriginator) {
            if (t.origTunnelId < 0) {
                t.origTunnelId = inner.tunnelId;
            }
            if (inner.qfi >= 0) {
                t.origQfi = inner.qfi;
            }
        } else {
            if (t.respTunnelId < 0) {
                t.respTunnelId = inner.tunnelId;
            }
            if (inner.qfi >= 0) {
                t.respQfi = inner.qfi;
            }
        }
    }

    /** Expires the flows idle at packet time {@code nanos}. */
    public void advanceTime(long nanos) {
        table.advanceTime(nanos);
    }

    /** Reports all flows still open (end of input or shutdown). */
    public void finish() {
        table.flushAll();
    }

    public FlowCounters counters() {
        return new FlowCounters(table.created, table.expired, table.evicted, table.reused, table.size(),
                table.maxFlows(), table.maxFlowsAsked());
    }

    /**
     * Flow table counters for the summary. {@code maxFlows} is the table's cap in force, which is
     * below {@code maxFlowsAsked} when the heap could not hold the cap asked for.
     */
    public record FlowCounters(long created, long expired, long evicted, long reused, int open,
                               int maxFlows, int maxFlowsAsked) {
        /** True when flows were evicted early because the heap, not --max-flows, set the cap. */
        public boolean capLoweredByHeap() {
            return evicted > 0 && maxFlows < maxFlowsAsked;
        }
    }
}
