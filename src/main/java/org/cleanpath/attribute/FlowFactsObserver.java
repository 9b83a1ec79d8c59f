package org.cleanpath.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cleanpath.attribute.names.FlowNames;
import org.cleanpath.attribute.names.NameCache;
import org.cleanpath.attribute.names.ObservedNames;
import org.cleanpath.attribute.vendor.Neighbor;
import org.cleanpath.attribute.vendor.NeighborFrames;
import org.cleanpath.capture.Frame;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowTracker;

/**
 * Collects, while packets stream by, the facts that only packets show: the names each flow reveals
 * (TLS/QUIC SNI, HTTP Host, DNS answers seen earlier for its endpoints) and the devices announcing
 * themselves by LLDP or CDP. Names ride on the flow (an attachment) and come back with its record.
 */
public final class FlowFactsObserver implements CaptureAnalysis.PacketObserver {

    /** What a flow's attachment holds while it is open. */
    public static final class NamesState {
        final FlowNames.State state;
        final List<String> respDns;
        final List<String> origDns;

        NamesState(List<String> respDns, List<String> origDns) {
            this(new FlowNames.State(), respDns, origDns);
        }

        private NamesState(FlowNames.State state, List<String> respDns, List<String> origDns) {
            this.state = state;
            this.respDns = respDns;
            this.origDns = origDns;
        }

        public ObservedNames observed() {
            return state.names();
        }

        public List<String> respDnsNames() {
            return respDns;
        }

        public List<String> origDnsNames() {
            return origDns;
        }
    }

    /**
     * What a flow that is done and named nothing carries for the rest of its life, in place of its
     * own state: that state then dies young, and the garbage collector no longer copies two objects
     * per open flow from collection to collection.
     */
    private static final NamesState NOTHING = new NamesState(FlowNames.State.doneEmpty(), List.of(), List.of());

    private final FlowNames names = new FlowNames(new NameCache());
    private final Map<String, Neighbor> neighbors = new LinkedHashMap<>();
    /**
     * One bit per flow-table slot: set once the flow there can reveal no more names. Most packets
     * belong to such flows, and testing a bit in this small array spares them the walk to the flow's
     * attachment and state objects, cache misses that made up most of this stage's cost.
     */
    private long[] namesDone = new long[1024];
    /**
     * Per flow-table slot, the {@link FlowNames.State#packed() packed} state of a flow that has found
     * no name and collects no message (0: none). Most flows stay so until they end or are done: a
     * long here instead of two objects per flow takes 8 MB off analyze's allocation on the 2M-packet
     * benchmark and some 26,000 objects off what each collection copies (its pauses stop the loop).
     */
    private long[] packedStates = new long[1024];
    /** The packed state of a flow before its first packet. */
    private static final long NEW_FLOW = new FlowNames.State().packed();
    /** Where a packed state is worked on: one per observer, as the packet loop has one thread. */
    private FlowNames.State scratch = new FlowNames.State();

    @Override
    public void observe(Frame frame, Packet p, FlowTracker tracker) {
        if (p.outcome == Outcome.NON_IP) {
            if (NeighborFrames.mayCarryNeighbor(p.etherType)) {
                Optional<Neighbor> n = NeighborFrames.parse(frame.buffer, frame.offset, frame.capturedLength);
                n.ifPresent(x -> neighbors.putIfAbsent(x.protocol() + "|" + x.chassisId() + "|" + x.portId(), x));
            }
            return;
        }
        names.advanceTo(frame.timestampNanos);
        int layer = p.ipCount - 1;
        int slot = tracker.slot(layer);
        boolean created = tracker.created(layer);
        if (!created && isDone(slot)) {
            return;
        }
        IpLayer l = p.ip[layer];
        boolean fromOriginator = tracker.fromOriginator(layer);
        NamesState s = null;
        long packed = created ? 0 : packedAt(slot);
        if (!created && packed == 0 && tracker.attachment(slot) instanceof NamesState known) {
            s = known;
        } else if (packed == 0) {
            // DNS answers seen before the flow started name its ends (the responder is the destination
            // of the originator's packets).
            long rHi = fromOriginator ? l.dstHi : l.srcHi, rLo = fromOriginator ? l.dstLo : l.srcLo;
            long oHi = fromOriginator ? l.srcHi : l.dstHi, oLo = fromOriginator ? l.srcLo : l.dstLo;
            List<String> respDns = names.resolvedNames(rHi, rLo), origDns = names.resolvedNames(oHi, oLo);
            setDone(slot, false); // the slot held an earlier flow
            if (respDns.isEmpty() && origDns.isEmpty()) {
                packed = NEW_FLOW;
            } else {
                s = new NamesState(respDns, origDns);
                tracker.attach(slot, s);
                setPacked(slot, 0);
            }
        }
        if (s == null) {
            scratch.unpack(packed);
            names.onPacket(scratch, p, fromOriginator, l.tcpSeq, frame.timestampNanos);
            keepScratch(slot, tracker);
        } else {
            onAttachedState(slot, s, p, fromOriginator, l.tcpSeq, frame.timestampNanos, tracker);
        }
    }

    /*
     * The two methods below take the branches that a run meets first late (a flow's first name, a
     * named flow's end), kept out of observe's compiled code by src/main/jvm.options: inlined, each
     * such branch, never taken when observe was compiled, sent it back to the interpreter and to be
     * compiled again (three C2 compiles of observe per analyze run on the 2M-packet benchmark).
     */

    /** Keeps the scratch state's outcome for the flow in {@code slot}: packed, done, or as its own object. */
    private void keepScratch(int slot, FlowTracker tracker) {
        if (!scratch.packable()) {
            // A name found or a message begun: the flow keeps the scratch state as its own.
            NamesState s = new NamesState(scratch, List.of(), List.of());
            scratch = new FlowNames.State();
            tracker.attach(slot, s);
            setPacked(slot, 0);
            finishIfDone(slot, s, tracker);
        } else if (scratch.done()) {
            setDone(slot, true); // done with no name: nothing to attach, the judge sees none
            setPacked(slot, 0);
        } else {
            setPacked(slot, scratch.packed());
        }
    }

    /** A packet of a flow that holds a state object of its own. */
    private void onAttachedState(int slot, NamesState s, Packet p, boolean fromOriginator, long tcpSeq, long nanos,
                                 FlowTracker tracker) {
        if (!s.state.done()) {
            names.onPacket(s.state, p, fromOriginator, tcpSeq, nanos);
        }
        finishIfDone(slot, s, tracker);
    }

    private void finishIfDone(int slot, NamesState s, FlowTracker tracker) {
        if (s.state.done()) {
            setDone(slot, true);
            if (s.state.doneWithoutNames() && s.respDns.isEmpty() && s.origDns.isEmpty()) {
                tracker.attach(slot, NOTHING);
            }
        }
    }

    private long packedAt(int slot) {
        return slot < packedStates.length ? packedStates[slot] : 0;
    }

    private void setPacked(int slot, long packed) {
        if (slot >= packedStates.length) {
            if (packed == 0) {
                return;
            }
            packedStates = Arrays.copyOf(packedStates, Math.max(slot + 1, packedStates.length * 2));
        }
        packedStates[slot] = packed;
    }

    private boolean isDone(int slot) {
        int word = slot >>> 6;
        return word < namesDone.length && (namesDone[word] & (1L << slot)) != 0;
    }

    private void setDone(int slot, boolean done) {
        int word = slot >>> 6;
        if (word >= namesDone.length) {
            if (!done) {
                return;
            }
            namesDone = Arrays.copyOf(namesDone, Math.max(word + 1, namesDone.length * 2));
        }
        namesDone[word] = done ? namesDone[word] | (1L << slot) : namesDone[word] & ~(1L << slot);
    }

    /** Devices seen so far, one per chassis and port. */
    public List<Neighbor> neighbors() {
        return new ArrayList<>(neighbors.values());
    }
}
