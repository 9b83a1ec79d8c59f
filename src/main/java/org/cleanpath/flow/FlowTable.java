package org.cleanpath.flow;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bidirectional flow table: open addressing over flows stored in parallel primitive arrays.
 *
 * <p>Hand-built rather than a {@code HashMap<FlowKey, Flow>} because this is the per-packet hot
 * path: a HashMap needs a key object per lookup and an entry plus a flow object per flow, and the
 * measured baseline (see bench/RESULTS.md) loses most of its throughput there. Here a lookup is a
 * hash, a probe into an int index and a few array compares; nothing is allocated per packet.
 *
 * <p>Each flow sits on one idle list per timeout class, ordered by last packet time, so expiry
 * (in packet time) and eviction of the oldest idle flow when the table is full are O(1).
 */
final class FlowTable {
    static final int LIST_TCP = 0, LIST_UDP = 1, LIST_ICMP = 2, LIST_OTHER = 3, LIST_CLOSED = 4;
    private static final int LISTS = 5;
    private static final int INITIAL_CAPACITY = 4096;

    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    private static final int ORIG_PURE_SYN = 1 << 16, RESP_SYN_ACK = 1 << 17;

    private final int maxFlows;
    private final long[] timeoutNanos = new long[LISTS];
    private final Consumer<FlowRecord> sink;

    // Per-flow columns, indexed by slot. Originator is "a", responder "b".
    private long[] aHi, aLo, bHi, bLo;
    private int[] ports; // origPort << 16 | respPort
    private byte[] proto;
    private byte[] list;
    private long[] firstTs, lastTs;
    private long[] aPkts, bPkts, aIpBytes, bIpBytes, aBytes, bBytes;
    private long[] aMac, bMac;
    private int[] flags; // bits 0-7 orig TCP flags, 8-15 resp flags, ORIG_PURE_SYN, RESP_SYN_ACK
    private int[] vlan, innerVlan;
    private int[] fragments;
    private long[] seq;
    private int[] slotHash;
    private int[] prev, next;
    private TunnelState[] tunnels;

    private int capacity;
    private int size;
    private int[] freeSlots;
    private int freeCount;
    private int highWater;

    private int[] index; // slot + 1; 0 = empty
    private int indexMask;

    private final int[] head = new int[LISTS];
    private final int[] tail = new int[LISTS];

    private long nextSeq;
    private long now = Long.MIN_VALUE;

    long evicted, expired, reused, created;

    /** Direction of the last {@link #track} call: true when the packet came from the originator. */
    boolean lastFromOriginator;
    /** Whether the last {@link #track} call created the flow. */
    boolean lastCreated;

    FlowTable(FlowSettings settings, Consumer<FlowRecord> sink) {
        this.maxFlows = settings.maxFlows();
        this.sink = sink;
        timeoutNanos[LIST_TCP] = settings.tcpTimeout().toNanos();
        timeoutNanos[LIST_UDP] = settings.udpTimeout().toNanos();
        timeoutNanos[LIST_ICMP] = settings.icmpTimeout().toNanos();
        timeoutNanos[LIST_OTHER] = settings.otherTimeout().toNanos();
        timeoutNanos[LIST_CLOSED] = settings.tcpCloseDelay().toNanos();
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        allocate(Math.min(INITIAL_CAPACITY, maxFlows));
    }

    int size() {
        return size;
    }

    /**
     * Counts one packet into its flow, creating the flow if needed, and returns the flow's slot.
     * {@code srcPort}/{@code dstPort} are the key's ports (ICMP: type and code or counterpart).
     */
    int track(int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort,
              long ts, int ipBytes, int payloadBytes, int tcpFlags, boolean nonFirstFragment, long srcMac) {
        advanceTime(ts);
        int hash = hash(protocol, sHi, sLo, sPort, dHi, dLo, dPort);
        int slot = find(hash, protocol, sHi, sLo, sPort, dHi, dLo, dPort);
        boolean forward = lastFromOriginator;
        boolean pureSyn = protocol == 6 && (tcpFlags & (SYN | ACK)) == SYN;
        if (slot >= 0 && pureSyn && isClosed(slot)) {
            finish(slot, FlowRecord.End.REUSED);
            reused++;
            slot = -1;
        }
        lastCreated = slot < 0;
        if (slot < 0) {
            // A SYN-ACK as the first packet seen means its receiver opened the connection.
            forward = !(protocol == 6 && (tcpFlags & (SYN | ACK)) == (SYN | ACK));
            slot = forward
                    ? create(hash, protocol, sHi, sLo, sPort, dHi, dLo, dPort, ts)
                    : create(hash, protocol, dHi, dLo, dPort, sHi, sLo, sPort, ts);
        }
        lastFromOriginator = forward;
        if (forward) {
            aPkts[slot]++;
            aIpBytes[slot] += ipBytes;
            aBytes[slot] += payloadBytes;
            if (aMac[slot] == -1) {
                aMac[slot] = srcMac;
            }
            int f = flags[slot] | (tcpFlags & 0xff);
            if (pureSyn) {
                f |= ORIG_PURE_SYN;
            }
            flags[slot] = f;
        } else {
            bPkts[slot]++;
            bIpBytes[slot] += ipBytes;
            bBytes[slot] += payloadBytes;
            if (bMac[slot] == -1) {
                bMac[slot] = srcMac;
            }
            int f = flags[slot] | ((tcpFlags & 0xff) << 8);
            if (protocol == 6 && (tcpFlags & (SYN | ACK)) == (SYN | ACK)) {
                f |= RESP_SYN_ACK;
            }
            flags[slot] = f;
        }
        if (nonFirstFragment) {
            fragments[slot]++;
        }
        if (ts > lastTs[slot]) {
            lastTs[slot] = ts;
        }
        int target = protocol == 6 && isClosed(slot) ? LIST_CLOSED : list[slot];
        moveToTail(slot, target);
        return slot;
    }

    /** Records the VLAN ids of a flow's first packet. */
    void setVlans(int slot, int outer, int inner) {
        vlan[slot] = outer;
        innerVlan[slot] = inner;
    }

    TunnelState tunnel(int slot) {
        TunnelState t = tunnels[slot];
        if (t == null) {
            t = new TunnelState();
            tunnels[slot] = t;
        }
        return t;
    }

    boolean hasTunnel(int slot) {
        return tunnels[slot] != null;
    }

    long sequence(int slot) {
        return seq[slot];
    }

    long originatorHi(int slot) {
        return aHi[slot];
    }

    long originatorLo(int slot) {
        return aLo[slot];
    }

    /** Expires every flow idle for longer than its timeout at packet time {@code ts}. */
    void advanceTime(long ts) {
        if (ts <= now) {
            return;
        }
        now = ts;
        for (int l = 0; l < LISTS; l++) {
            long limit = ts - timeoutNanos[l];
            int h;
            while ((h = head[l]) >= 0 && lastTs[h] < limit) {
                finish(h, FlowRecord.End.TIMEOUT);
                expired++;
            }
        }
    }

    /** Reports every flow still open, oldest first, and empties the table. */
    void flushAll() {
        int[] open = new int[size];
        int n = 0;
        for (int l = 0; l < LISTS; l++) {
            for (int s = head[l]; s >= 0; s = next[s]) {
                open[n++] = s;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = open[i];
        }
        Arrays.sort(order, (x, y) -> firstTs[x] != firstTs[y] ? Long.compare(firstTs[x], firstTs[y])
                : Long.compare(seq[x], seq[y]));
        for (Integer s : order) {
            finish(s, FlowRecord.End.END_OF_INPUT);
        }
    }

    private boolean isClosed(int slot) {
        int f = flags[slot];
        return ((f | (f >>> 8)) & RST) != 0 || ((f & FIN) != 0 && (f & (FIN << 8)) != 0);
    }

    private int find(int hash, int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        int fwdPorts = sPort << 16 | dPort;
        int revPorts = dPort << 16 | sPort;
        byte p = (byte) protocol;
        for (int i = hash & indexMask; ; i = (i + 1) & indexMask) {
            int e = index[i];
            if (e == 0) {
                return -1;
            }
            int s = e - 1;
            if (slotHash[s] != hash || proto[s] != p) {
                continue;
            }
            int pp = ports[s];
            if (pp == fwdPorts && aLo[s] == sLo && bLo[s] == dLo && aHi[s] == sHi && bHi[s] == dHi) {
                lastFromOriginator = true;
                return s;
            }
            if (pp == revPorts && aLo[s] == dLo && bLo[s] == sLo && aHi[s] == dHi && bHi[s] == sHi) {
                lastFromOriginator = false;
                return s;
            }
        }
    }

    private int create(int hash, int protocol, long oHi, long oLo, int oPort, long rHi, long rLo, int rPort, long ts) {
        if (size == capacity) {
            if (capacity < maxFlows) {
                allocate(Math.min(maxFlows, capacity * 2));
            } else {
                evictOldest();
            }
        }
        int s = freeCount > 0 ? freeSlots[--freeCount] : highWater++;
        size++;
        created++;
        aHi[s] = oHi;
        aLo[s] = oLo;
        bHi[s] = rHi;
        bLo[s] = rLo;
        ports[s] = oPort << 16 | rPort;
        proto[s] = (byte) protocol;
        firstTs[s] = ts;
        lastTs[s] = ts;
        aPkts[s] = bPkts[s] = aIpBytes[s] = bIpBytes[s] = aBytes[s] = bBytes[s] = 0;
        aMac[s] = bMac[s] = -1;
        flags[s] = 0;
        vlan[s] = innerVlan[s] = -1;
        fragments[s] = 0;
        seq[s] = nextSeq++;
        tunnels[s] = null;
        slotHash[s] = hash;
        list[s] = (byte) switch (protocol) {
            case 6, 132 -> LIST_TCP;
            case 17 -> LIST_UDP;
            case 1, 58 -> LIST_ICMP;
            default -> LIST_OTHER;
        };
        prev[s] = next[s] = -1;
        linkTail(s, list[s]);
        insertIndex(s, hash);
        return s;
    }

    private void evictOldest() {
        int oldest = -1;
        for (int l = 0; l < LISTS; l++) {
            int h = head[l];
            if (h >= 0 && (oldest < 0 || lastTs[h] < lastTs[oldest])) {
                oldest = h;
            }
        }
        finish(oldest, FlowRecord.End.EVICTED);
        evicted++;
    }

    private void finish(int s, FlowRecord.End end) {
        sink.accept(record(s, end));
        removeIndex(s);
        unlink(s);
        tunnels[s] = null;
        size--;
        freeSlots[freeCount++] = s;
    }

    private FlowRecord record(int s, FlowRecord.End end) {
        int protocol = proto[s] & 0xff;
        int f = flags[s];
        ConnState state = protocol == 6
                ? ConnState.ofTcp(f & 0xff, (f >>> 8) & 0xff, (f & ORIG_PURE_SYN) != 0, (f & RESP_SYN_ACK) != 0)
                : ConnState.ofConnectionless(bPkts[s]);
        TunnelState t = tunnels[s];
        return new FlowRecord(Uids.of(seq[s]), firstTs[s], lastTs[s], protocol,
                aHi[s], aLo[s], ports[s] >>> 16, bHi[s], bLo[s], ports[s] & 0xffff,
                aPkts[s], bPkts[s], aIpBytes[s], bIpBytes[s], aBytes[s], bBytes[s],
                state, protocol == 6 ? f & 0xff : 0, protocol == 6 ? (f >>> 8) & 0xff : 0,
                vlan[s], innerVlan[s],
                t == null || t.mplsLabels == null ? java.util.List.of()
                        : Arrays.stream(t.mplsLabels).boxed().toList(),
                aMac[s], bMac[s], fragments[s],
                t == null || t.kind == null ? null : t.toRecord(), end);
    }

    // ---- idle lists ----

    private void linkTail(int s, int l) {
        list[s] = (byte) l;
        prev[s] = tail[l];
        next[s] = -1;
        if (tail[l] >= 0) {
            next[tail[l]] = s;
        } else {
            head[l] = s;
        }
        tail[l] = s;
    }

    private void unlink(int s) {
        int l = list[s];
        int p = prev[s], n = next[s];
        if (p >= 0) {
            next[p] = n;
        } else {
            head[l] = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail[l] = p;
        }
    }

    private void moveToTail(int s, int l) {
        if (tail[l] == s) {
            return;
        }
        unlink(s);
        linkTail(s, l);
    }

    // ---- hash index (linear probing, backward-shift deletion) ----

    private void insertIndex(int s, int hash) {
        int i = hash & indexMask;
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = s + 1;
    }

    private void removeIndex(int s) {
        int i = slotHash[s] & indexMask;
        while (index[i] != s + 1) {
            i = (i + 1) & indexMask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & indexMask;
            int e = index[j];
            if (e == 0) {
                break;
            }
            int home = slotHash[e - 1] & indexMask;
            // Move e back into the hole at i unless its home lies cyclically in (i, j].
            boolean homeBetween = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!homeBetween) {
                index[i] = e;
                i = j;
            }
        }
        index[i] = 0;
    }

    static int hash(int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        // Sum of per-endpoint hashes: the same for both directions of a flow.
        long h = endpointHash(sHi, sLo, sPort) + endpointHash(dHi, dLo, dPort);
        h = (h ^ protocol) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static long endpointHash(long hi, long lo, int port) {
        long h = (hi * 0xC2B2AE3D27D4EB4FL) ^ lo;
        h ^= port * 0x165667B19E3779F9L;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 29);
    }

    // ---- storage ----

    private void allocate(int newCapacity) {
        aHi = grow(aHi, newCapacity);
        aLo = grow(aLo, newCapacity);
        bHi = grow(bHi, newCapacity);
        bLo = grow(bLo, newCapacity);
        ports = grow(ports, newCapacity);
        proto = proto == null ? new byte[newCapacity] : Arrays.copyOf(proto, newCapacity);
        list = list == null ? new byte[newCapacity] : Arrays.copyOf(list, newCapacity);
        firstTs = grow(firstTs, newCapacity);
        lastTs = grow(lastTs, newCapacity);
        aPkts = grow(aPkts, newCapacity);
        bPkts = grow(bPkts, newCapacity);
        aIpBytes = grow(aIpBytes, newCapacity);
        bIpBytes = grow(bIpBytes, newCapacity);
        aBytes = grow(aBytes, newCapacity);
        bBytes = grow(bBytes, newCapacity);
        aMac = grow(aMac, newCapacity);
        bMac = grow(bMac, newCapacity);
        flags = grow(flags, newCapacity);
        vlan = grow(vlan, newCapacity);
        innerVlan = grow(innerVlan, newCapacity);
        fragments = grow(fragments, newCapacity);
        seq = grow(seq, newCapacity);
        slotHash = grow(slotHash, newCapacity);
        prev = grow(prev, newCapacity);
        next = grow(next, newCapacity);
        freeSlots = grow(freeSlots, newCapacity);
        tunnels = tunnels == null ? new TunnelState[newCapacity] : Arrays.copyOf(tunnels, newCapacity);
        capacity = newCapacity;

        int indexSize = Integer.highestOneBit(Math.max(16, newCapacity * 2 - 1)) << 1;
        index = new int[indexSize];
        indexMask = indexSize - 1;
        for (int l = 0; l < LISTS; l++) {
            for (int s = head[l]; s >= 0; s = next[s]) {
                insertIndex(s, slotHash[s]);
            }
        }
    }

    private static long[] grow(long[] a, int n) {
        return a == null ? new long[n] : Arrays.copyOf(a, n);
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : Arrays.copyOf(a, n);
    }
}
