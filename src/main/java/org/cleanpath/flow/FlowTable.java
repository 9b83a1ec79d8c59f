package org.cleanpath.flow;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bidirectional flow table: open addressing over flows stored as fixed-size rows of one long array.
 *
 * <p>Hand-built rather than a {@code HashMap<FlowKey, Flow>} because this is the per-packet hot
 * path. A HashMap needs a key object per lookup and an entry plus a flow object per flow; a
 * column-per-field layout was measured at 2.5x slower than this one because every packet touched
 * some fifteen arrays, each a cache miss once the table outgrows the cache. Here a packet costs one
 * probe into a long index (hash and slot side by side, so probing never touches a flow) and one
 * flow row of two cache lines; nothing is allocated per packet.
 *
 * <p>Each flow sits on one idle list per timeout class, ordered by the time it was last queued, so
 * expiry (in packet time) and eviction of the oldest idle flow are O(1). A flow is re-queued at most
 * once per {@link #REQUEUE_NANOS} of packet time, not on every packet; expiry re-checks the real
 * last-packet time before it ends a flow, so timeouts stay exact to within that granularity.
 */
final class FlowTable {
    static final int LIST_TCP = 0, LIST_UDP = 1, LIST_ICMP = 2, LIST_OTHER = 3, LIST_CLOSED = 4;
    private static final int LISTS = 5;
    private static final int INITIAL_CAPACITY = 4096;
    private static final long REQUEUE_NANOS = 1_000_000_000L;
    private static final long EXPIRY_CHECK_NANOS = 100_000_000L;

    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    private static final int ORIG_PURE_SYN = 1 << 16, RESP_SYN_ACK = 1 << 17;

    // Row layout (longs). Hot fields first: a packet touches words 0-13 of its flow only.
    private static final int A_HI = 0, A_LO = 1, B_HI = 2, B_LO = 3;
    private static final int KEY = 4; // origPort << 48 | respPort << 32 | proto << 8 | list
    private static final int FIRST_TS = 5, LAST_TS = 6, QUEUED_TS = 7;
    private static final int A_PKTS = 8, B_PKTS = 9, A_IP_BYTES = 10, B_IP_BYTES = 11, A_BYTES = 12, B_BYTES = 13;
    private static final int FLAGS = 14; // TCP flags (low 32 bits) | non-first fragments << 32
    private static final int LINKS = 15; // prev (low 32) | next (high 32), -1 for none
    private static final int SEQ = 16, A_MAC = 17, B_MAC = 18, VLANS = 19;
    private static final int ROW = 20;

    private final int maxFlows;
    private final int maxFlowsAsked;
    private final long[] timeoutNanos = new long[LISTS];
    private final Consumer<FlowRecord> sink;

    private long[] rows;
    private TunnelState[] tunnels;
    private Object[] attachments;
    private int capacity;
    private int size;
    private int[] freeSlots;
    private int freeCount;
    private int highWater;

    /** hash << 32 | (slot + 1); 0 = empty. */
    private long[] index;
    private int indexMask;

    private final int[] head = new int[LISTS];
    private final int[] tail = new int[LISTS];

    private long nextSeq;
    private long now = Long.MIN_VALUE;
    private long nextExpiryCheck = Long.MIN_VALUE;

    long evicted, expired, reused, created;

    /** Direction of the last {@link #track} call: true when the packet came from the originator. */
    boolean lastFromOriginator;
    /** Whether the last {@link #track} call created the flow. */
    boolean lastCreated;

    /** The cap in force: --max-flows, or fewer when half the heap cannot hold that many. */
    int maxFlows() {
        return maxFlows;
    }

    int maxFlowsAsked() {
        return maxFlowsAsked;
    }

    FlowTable(FlowSettings settings, Consumer<FlowRecord> sink) {
        this.maxFlowsAsked = settings.maxFlows();
        this.maxFlows = Math.min(settings.maxFlows(), flowsThatFit(Runtime.getRuntime().maxMemory()));
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
        if (ts >= nextExpiryCheck) {
            advanceTime(ts);
        }
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
        final long[] r = rows;
        final int o = slot * ROW;
        long flags = r[o + FLAGS];
        if (forward) {
            if (r[o + A_PKTS]++ == 0) {
                r[o + A_MAC] = srcMac;
            }
            r[o + A_IP_BYTES] += ipBytes;
            r[o + A_BYTES] += payloadBytes;
            flags |= (tcpFlags & 0xff) | (pureSyn ? ORIG_PURE_SYN : 0);
        } else {
            if (r[o + B_PKTS]++ == 0) {
                r[o + B_MAC] = srcMac;
            }
            r[o + B_IP_BYTES] += ipBytes;
            r[o + B_BYTES] += payloadBytes;
            flags |= (tcpFlags & 0xff) << 8;
            if (protocol == 6 && (tcpFlags & (SYN | ACK)) == (SYN | ACK)) {
                flags |= RESP_SYN_ACK;
            }
        }
        if (nonFirstFragment) {
            flags += 1L << 32;
        }
        r[o + FLAGS] = flags;
        if (ts > r[o + LAST_TS]) {
            r[o + LAST_TS] = ts;
        }
        if (protocol == 6 && list(slot) != LIST_CLOSED && isClosed(slot)) {
            requeue(slot, LIST_CLOSED, ts);
        } else if (ts - r[o + QUEUED_TS] > REQUEUE_NANOS) {
            requeue(slot, list(slot), ts);
        }
        return slot;
    }

    /** Records the VLAN ids of a flow's first packet. */
    void setVlans(int slot, int outer, int inner) {
        rows[slot * ROW + VLANS] = ((long) outer << 32) | (inner & 0xffff_ffffL);
    }

    TunnelState tunnel(int slot) {
        TunnelState t = tunnels[slot];
        if (t == null) {
            t = new TunnelState();
            tunnels[slot] = t;
        }
        return t;
    }

    Object attachment(int slot) {
        return attachments[slot];
    }

    void attach(int slot, Object value) {
        attachments[slot] = value;
    }

    long sequence(int slot) {
        return rows[slot * ROW + SEQ];
    }

    long originatorHi(int slot) {
        return rows[slot * ROW + A_HI];
    }

    long originatorLo(int slot) {
        return rows[slot * ROW + A_LO];
    }

    /**
     * Expires every flow idle for longer than its timeout at packet time {@code ts}. This and
     * {@link #requeue} are kept out of {@link #track}'s compiled code by src/main/jvm.options (their
     * branches change course late in a run); rename them there too.
     */
    void advanceTime(long ts) {
        if (ts <= now) {
            return;
        }
        now = ts;
        nextExpiryCheck = ts + EXPIRY_CHECK_NANOS;
        final long[] r = rows;
        for (int l = 0; l < LISTS; l++) {
            long limit = ts - timeoutNanos[l];
            int h;
            while ((h = head[l]) >= 0 && r[h * ROW + QUEUED_TS] < limit) {
                if (r[h * ROW + LAST_TS] < limit) {
                    finish(h, l == LIST_CLOSED ? FlowRecord.End.CLOSED : FlowRecord.End.TIMEOUT);
                    expired++;
                } else {
                    requeue(h, l, r[h * ROW + LAST_TS]);
                }
            }
        }
    }

    /** Reports every flow still open, oldest first, and empties the table. */
    void flushAll() {
        Integer[] order = new Integer[size];
        int n = 0;
        for (int l = 0; l < LISTS; l++) {
            for (int s = head[l]; s >= 0; s = next(s)) {
                order[n++] = s;
            }
        }
        final long[] r = rows;
        Arrays.sort(order, 0, n, (x, y) -> {
            int c = Long.compare(r[x * ROW + FIRST_TS], r[y * ROW + FIRST_TS]);
            return c != 0 ? c : Long.compare(r[x * ROW + SEQ], r[y * ROW + SEQ]);
        });
        for (int i = 0; i < n; i++) {
            finish(order[i], FlowRecord.End.END_OF_INPUT);
        }
    }

    private boolean isClosed(int slot) {
        int f = (int) rows[slot * ROW + FLAGS];
        return ((f | (f >>> 8)) & RST) != 0 || ((f & FIN) != 0 && (f & (FIN << 8)) != 0);
    }

    private int find(int hash, int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        final long[] r = rows;
        final long[] idx = index;
        long fwdKey = (long) sPort << 48 | (long) dPort << 32 | protocol << 8;
        long revKey = (long) dPort << 48 | (long) sPort << 32 | protocol << 8;
        for (int i = hash & indexMask; ; i = (i + 1) & indexMask) {
            long e = idx[i];
            if (e == 0) {
                return -1;
            }
            if ((int) (e >>> 32) != hash) {
                continue;
            }
            int s = (int) e - 1;
            int o = s * ROW;
            long key = r[o + KEY] & ~0xffL;
            if (key == fwdKey && r[o + A_LO] == sLo && r[o + B_LO] == dLo && r[o + A_HI] == sHi && r[o + B_HI] == dHi) {
                lastFromOriginator = true;
                return s;
            }
            if (key == revKey && r[o + A_LO] == dLo && r[o + B_LO] == sLo && r[o + A_HI] == dHi && r[o + B_HI] == sHi) {
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
        int list = switch (protocol) {
            case 6, 132 -> LIST_TCP;
            case 17 -> LIST_UDP;
            case 1, 58 -> LIST_ICMP;
            default -> LIST_OTHER;
        };
        final long[] r = rows;
        int o = s * ROW;
        Arrays.fill(r, o, o + ROW, 0L);
        r[o + A_HI] = oHi;
        r[o + A_LO] = oLo;
        r[o + B_HI] = rHi;
        r[o + B_LO] = rLo;
        r[o + KEY] = (long) oPort << 48 | (long) rPort << 32 | protocol << 8 | list;
        r[o + FIRST_TS] = ts;
        r[o + LAST_TS] = ts;
        r[o + A_MAC] = -1;
        r[o + B_MAC] = -1;
        r[o + VLANS] = -1;
        r[o + SEQ] = nextSeq++;
        tunnels[s] = null;
        attachments[s] = null;
        linkTail(s, list, ts);
        insertIndex(s, hash);
        return s;
    }

    private void evictOldest() {
        int oldest = -1;
        for (int l = 0; l < LISTS; l++) {
            int h = head[l];
            if (h >= 0 && (oldest < 0 || rows[h * ROW + QUEUED_TS] < rows[oldest * ROW + QUEUED_TS])) {
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
        attachments[s] = null;
        size--;
        freeSlots[freeCount++] = s;
    }

    private FlowRecord record(int s, FlowRecord.End end) {
        final long[] r = rows;
        int o = s * ROW;
        long key = r[o + KEY];
        int protocol = (int) (key >>> 8) & 0xff;
        int f = (int) r[o + FLAGS];
        long fragments = r[o + FLAGS] >>> 32;
        ConnState state = protocol == 6
                ? ConnState.ofTcp(f & 0xff, (f >>> 8) & 0xff, (f & ORIG_PURE_SYN) != 0, (f & RESP_SYN_ACK) != 0)
                : ConnState.ofConnectionless(r[o + B_PKTS]);
        TunnelState t = tunnels[s];
        long vlans = r[o + VLANS];
        return new FlowRecord(r[o + SEQ], r[o + FIRST_TS], r[o + LAST_TS], protocol,
                r[o + A_HI], r[o + A_LO], (int) (key >>> 48) & 0xffff, r[o + B_HI], r[o + B_LO], (int) (key >>> 32) & 0xffff,
                r[o + A_PKTS], r[o + B_PKTS], r[o + A_IP_BYTES], r[o + B_IP_BYTES], r[o + A_BYTES], r[o + B_BYTES],
                state, protocol == 6 ? f & 0xff : 0, protocol == 6 ? (f >>> 8) & 0xff : 0,
                vlans == -1 ? -1 : (int) (vlans >> 32), vlans == -1 ? -1 : (int) vlans,
                t == null || t.mplsLabels == null ? java.util.List.of()
                        : Arrays.stream(t.mplsLabels).boxed().toList(),
                r[o + A_MAC], r[o + B_MAC], fragments,
                t == null || t.kind == null ? null : t.toRecord(), end, attachments[s]);
    }

    // ---- idle lists ----

    private int list(int s) {
        return (int) rows[s * ROW + KEY] & 0xff;
    }

    private int prev(int s) {
        return (int) rows[s * ROW + LINKS];
    }

    private int next(int s) {
        return (int) (rows[s * ROW + LINKS] >> 32);
    }

    private void setPrev(int s, int p) {
        int o = s * ROW + LINKS;
        rows[o] = (rows[o] & 0xffff_ffff_0000_0000L) | (p & 0xffff_ffffL);
    }

    private void setNext(int s, int n) {
        int o = s * ROW + LINKS;
        rows[o] = (rows[o] & 0xffff_ffffL) | ((long) n << 32);
    }

    private void linkTail(int s, int l, long ts) {
        int o = s * ROW;
        rows[o + KEY] = (rows[o + KEY] & ~0xffL) | l;
        rows[o + QUEUED_TS] = ts;
        int t = tail[l];
        rows[o + LINKS] = (t & 0xffff_ffffL) | (-1L << 32);
        if (t >= 0) {
            setNext(t, s);
        } else {
            head[l] = s;
        }
        tail[l] = s;
    }

    private void unlink(int s) {
        int l = list(s);
        int p = prev(s), n = next(s);
        if (p >= 0) {
            setNext(p, n);
        } else {
            head[l] = n;
        }
        if (n >= 0) {
            setPrev(n, p);
        } else {
            tail[l] = p;
        }
    }

    private void requeue(int s, int l, long ts) {
        unlink(s);
        linkTail(s, l, Math.max(ts, rows[s * ROW + QUEUED_TS]));
    }

    // ---- hash index (linear probing, backward-shift deletion) ----

    private void insertIndex(int s, int hash) {
        int i = hash & indexMask;
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = ((long) hash << 32) | (s + 1);
    }

    private void removeIndex(int s) {
        int i = homeOf(s);
        while ((int) index[i] != s + 1) {
            i = (i + 1) & indexMask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & indexMask;
            long e = index[j];
            if (e == 0) {
                break;
            }
            int home = (int) (e >>> 32) & indexMask;
            // Move e back into the hole at i unless its home lies cyclically in (i, j].
            boolean homeBetween = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!homeBetween) {
                index[i] = e;
                i = j;
            }
        }
        index[i] = 0;
    }

    private int homeOf(int s) {
        int o = s * ROW;
        long key = rows[o + KEY];
        return hash((int) (key >>> 8) & 0xff, rows[o + A_HI], rows[o + A_LO], (int) (key >>> 48) & 0xffff,
                rows[o + B_HI], rows[o + B_LO], (int) (key >>> 32) & 0xffff) & indexMask;
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

    /** Heap bytes one flow slot takes: its row, tunnel and free-list entries, and up to 4 index longs. */
    static final int BYTES_PER_FLOW = ROW * Long.BYTES + 4 + Integer.BYTES + 4 * Long.BYTES;

    /**
     * The largest table (a power of two, as it grows by doubling) whose slots take at most half of
     * {@code maxHeap}. Robustness fix: under a flood of distinct flows the table grows to its cap, and
     * the default cap (1,048,576 flows, ~210 MB, ~300 MB while the last doubling copies) overflowed
     * the launcher's 256 MiB heap with an OutOfMemoryError; capped here it evicts instead.
     */
    static int flowsThatFit(long maxHeap) {
        long fit = Math.max(INITIAL_CAPACITY, maxHeap / 2 / BYTES_PER_FLOW);
        return (int) Long.highestOneBit(Math.min(fit, Integer.MAX_VALUE / ROW));
    }

    private void allocate(int newCapacity) {
        rows = rows == null ? new long[newCapacity * ROW] : Arrays.copyOf(rows, newCapacity * ROW);
        tunnels = tunnels == null ? new TunnelState[newCapacity] : Arrays.copyOf(tunnels, newCapacity);
        attachments = attachments == null ? new Object[newCapacity] : Arrays.copyOf(attachments, newCapacity);
        freeSlots = freeSlots == null ? new int[newCapacity] : Arrays.copyOf(freeSlots, newCapacity);
        capacity = newCapacity;
        int indexSize = Integer.highestOneBit(Math.max(16, newCapacity * 2 - 1)) << 1;
        long[] old = index;
        index = new long[indexSize];
        indexMask = indexSize - 1;
        if (old != null) {
            for (long e : old) {
                if (e != 0) {
                    int i = (int) (e >>> 32) & indexMask;
                    while (index[i] != 0) {
                        i = (i + 1) & indexMask;
                    }
                    index[i] = e;
                }
            }
        }
    }
}
