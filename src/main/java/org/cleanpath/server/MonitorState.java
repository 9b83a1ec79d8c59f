package org.cleanpath.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cleanpath.attribute.Attribution;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.flow.IpText;
import org.cleanpath.flow.PacketCounts;
import org.cleanpath.policy.FlowJudge.JudgedFlow;
import org.cleanpath.policy.Verdict;

/**
 * The running tally a monitor keeps of judged flows, from which it builds {@link StatusSnapshot}s:
 * totals since start, a sliding window (by wall clock, when each flow was judged), violations, traffic
 * by country and AS, and the most recent flows. Thread-safe (one lock; updates are per flow, not
 * per packet). The window also keeps what it needs to judge its flows again after a policy reload.
 */
public final class MonitorState {
    private static final int RECENT = 200;
    private static final int TOP = 10;
    private static final int EXAMPLES = 3;
    private static final int WINDOW_CAP = 50_000;

    /** A flow as the window holds it: when it was judged, and enough to judge it again. */
    public record WindowEntry(Instant judgedAt, JudgedFlow judged, Object names) {}

    private static final class Tally {
        Verdict verdict;
        long flows, bytes;
        final List<String> uids = new ArrayList<>();
    }

    private static final class Traffic {
        final String key, label;
        long flows, bytes;

        Traffic(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    private final Duration window;
    private final Instant startedAt;
    private final Map<Verdict.Status, Long> flowsBy = new EnumMap<>(Verdict.Status.class);
    private final Map<Verdict.Status, Long> bytesBy = new EnumMap<>(Verdict.Status.class);
    private final Map<String, Tally> violations = new LinkedHashMap<>();
    private final Map<String, Traffic> byCountry = new HashMap<>();
    private final Map<String, Traffic> byAs = new HashMap<>();
    private final Deque<StatusSnapshot.FlowSummary> recent = new ArrayDeque<>();
    private final Deque<WindowEntry> windowFlows = new ArrayDeque<>();
    private long flows, bytes;

    public MonitorState(Duration window, Instant startedAt) {
        this.window = window;
        this.startedAt = startedAt;
    }

    public Duration window() {
        return window;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized void add(JudgedFlow j, Object names, Instant now) {
        Verdict v = j.verdict();
        long b = j.bytes();
        flows++;
        bytes += b;
        flowsBy.merge(v.status(), 1L, Long::sum);
        bytesBy.merge(v.status(), b, Long::sum);
        if (v.status() == Verdict.Status.DIRTY) {
            Tally t = violations.computeIfAbsent(v.ruleId() + "|" + v.element() + "|" + v.subject(), k -> new Tally());
            t.verdict = v;
            t.flows++;
            t.bytes += b;
            if (t.uids.size() < EXAMPLES) {
                t.uids.add(j.flow().uid());
            }
        }
        Attribution remote = j.remote();
        if (remote != null) {
            String cc = remote.country() == null ? "unknown" : remote.country();
            count(byCountry, cc, cc, b);
            String as = remote.asn() == null ? "unknown" : "AS" + remote.asn();
            count(byAs, as, remote.asOrg() == null ? as : as + " " + remote.asOrg(), b);
        }
        FlowRecord r = j.flow();
        recent.addFirst(new StatusSnapshot.FlowSummary(r.uid(), Instant.ofEpochSecond(0, r.firstNanos()),
                IpText.format(r.origHi(), r.origLo()), r.origPort(), IpText.format(r.respHi(), r.respLo()), r.respPort(),
                r.protocolName(), b, v.status(), "default".equals(v.ruleId()) ? null : v.ruleId()));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        windowFlows.addLast(new WindowEntry(now, j, names));
        trim(now);
    }

    private static void count(Map<String, Traffic> m, String key, String label, long b) {
        Traffic t = m.computeIfAbsent(key, k -> new Traffic(key, label));
        t.flows++;
        t.bytes += b;
    }

    private void trim(Instant now) {
        Instant oldest = now.minus(window);
        while (!windowFlows.isEmpty()
                && (windowFlows.peekFirst().judgedAt().isBefore(oldest) || windowFlows.size() > WINDOW_CAP)) {
            windowFlows.removeFirst();
        }
    }

    /** Judges the flows in the window again (after a policy reload); totals since start keep their history. */
    public synchronized void rejudgeWindow(Function<WindowEntry, JudgedFlow> judge) {
        List<WindowEntry> again = new ArrayList<>(windowFlows.size());
        for (WindowEntry e : windowFlows) {
            again.add(new WindowEntry(e.judgedAt(), judge.apply(e), e.names()));
        }
        windowFlows.clear();
        windowFlows.addAll(again);
    }

    private static Verdict.Status worst(Iterable<Verdict.Status> statuses, boolean any) {
        boolean unverified = !any;
        for (Verdict.Status s : statuses) {
            if (s == Verdict.Status.DIRTY) {
                return Verdict.Status.DIRTY;
            }
            if (s == Verdict.Status.UNVERIFIED) {
                unverified = true;
            }
        }
        return unverified ? Verdict.Status.UNVERIFIED : Verdict.Status.CLEAN;
    }

    /**
     * The snapshot now; {@code extraDirty} lists violations found outside flows (devices announced by
     * LLDP/CDP), which make both verdicts dirty.
     */
    public synchronized StatusSnapshot snapshot(Instant now, PacketCounts c, StatusSnapshot.Capture capture,
                                                StatusSnapshot.Versions versions, List<StatusSnapshot.Violation> extraDirty) {
        trim(now);
        List<Verdict.Status> inWindow = new ArrayList<>(windowFlows.size());
        for (WindowEntry e : windowFlows) {
            inWindow.add(e.judged().verdict().status());
        }
        Verdict.Status windowVerdict = extraDirty.isEmpty() ? worst(inWindow, !inWindow.isEmpty()) : Verdict.Status.DIRTY;
        Verdict.Status totalVerdict = extraDirty.isEmpty() ? worst(flowsBy.keySet(), flows > 0) : Verdict.Status.DIRTY;
        List<StatusSnapshot.Violation> vs = new ArrayList<>(extraDirty);
        violations.values().stream().sorted(Comparator.comparingLong((Tally t) -> -t.bytes)).limit(TOP)
                .forEach(t -> vs.add(StatusSnapshot.Violation.of(t.verdict, t.flows, t.bytes, t.uids)));
        StatusSnapshot.Counts counts = new StatusSnapshot.Counts(c.read(), c.decoded(), c.undecodable(), c.nonIp(),
                c.wireBytes(), flows, flowsBy, bytesBy);
        return new StatusSnapshot(now, startedAt, window, windowVerdict, totalVerdict, counts, vs, capture, versions,
                top(byCountry), top(byAs), new ArrayList<>(recent));
    }

    private static List<StatusSnapshot.Traffic> top(Map<String, Traffic> m) {
        return m.values().stream().sorted(Comparator.comparingLong((Traffic t) -> -t.bytes)).limit(TOP)
                .map(t -> new StatusSnapshot.Traffic(t.key, t.label, t.bytes, t.flows)).toList();
    }
}
