package org.cleanpath.server;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cleanpath.policy.Verdict;

/**
 * What a running monitor looks like at one instant: verdicts, counts, top violations, capture health,
 * versions and recent flows. Immutable; the monitor builds one off the event loop and publishes it
 * (see {@link StatusSource}). Nullable fields say so; lists are copied and never null.
 *
 * @param generatedAt     when the monitor built this snapshot
 * @param startedAt       when monitoring started ("since start" counts run from here)
 * @param window          length of the sliding window {@code windowVerdict} covers
 * @param windowVerdict   verdict over the flows seen in the window: DIRTY if any flow is dirty, else
 *                        UNVERIFIED if any is unverified (or none was seen), else CLEAN
 * @param totalVerdict    the same over all flows since start
 * @param counts          packet, byte and flow accounting since start
 * @param violations      the top violations since start, largest first (bounded by the monitor)
 * @param capture         health of the packet source
 * @param versions        database and policy versions, last reload
 * @param byCountry       top countries by bytes since start
 * @param byAs            top autonomous systems by bytes since start
 * @param recentFlows     the most recent classified flows, newest first (bounded by the monitor)
 */
public record StatusSnapshot(
        Instant generatedAt, Instant startedAt, Duration window,
        Verdict.Status windowVerdict, Verdict.Status totalVerdict,
        Counts counts, List<Violation> violations, Capture capture, Versions versions,
        List<Traffic> byCountry, List<Traffic> byAs, List<FlowSummary> recentFlows) {

    public StatusSnapshot {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowVerdict, "windowVerdict");
        Objects.requireNonNull(totalVerdict, "totalVerdict");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(versions, "versions");
        violations = List.copyOf(violations);
        byCountry = List.copyOf(byCountry);
        byAs = List.copyOf(byAs);
        recentFlows = List.copyOf(recentFlows);
    }

    /** The snapshot a monitor publishes before its first packet: nothing seen, verdict unverified. */
    public static StatusSnapshot starting(Instant now, Duration window, Capture capture, Versions versions) {
        return new StatusSnapshot(now, now, window, Verdict.Status.UNVERIFIED, Verdict.Status.UNVERIFIED,
                Counts.ZERO, List.of(), capture, versions, List.of(), List.of(), List.of());
    }

    /**
     * Packet and flow accounting since start; {@code packetsRead == decoded + undecodable + nonIp} as in
     * {@link org.cleanpath.flow.PacketCounts}. The per-verdict maps hold every status (zero when absent).
     */
    public record Counts(long packetsRead, long packetsDecoded, long packetsUndecodable, long packetsNonIp,
                         long bytes, long flows,
                         Map<Verdict.Status, Long> flowsByVerdict, Map<Verdict.Status, Long> bytesByVerdict) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, Map.of(), Map.of());

        public Counts {
            flowsByVerdict = complete(flowsByVerdict);
            bytesByVerdict = complete(bytesByVerdict);
        }

        private static Map<Verdict.Status, Long> complete(Map<Verdict.Status, Long> m) {
            EnumMap<Verdict.Status, Long> out = new EnumMap<>(Verdict.Status.class);
            for (Verdict.Status s : Verdict.Status.values()) {
                out.put(s, m.getOrDefault(s, 0L));
            }
            return Map.copyOf(out);
        }
    }

    /**
     * One rule violation aggregated over the flows it hit: the verdict's evidence (rule, reason, element
     * and its attribution), how many flows and bytes, and a few flow uids to look up.
     * All evidence fields but {@code ruleId} may be null.
     */
    public record Violation(String ruleId, String reason, String element, String subject,
                            Long asn, String country, String vendor, String domain,
                            long flows, long bytes, List<String> exampleUids) {
        public Violation {
            Objects.requireNonNull(ruleId, "ruleId");
            exampleUids = List.copyOf(exampleUids);
        }

        /** The evidence of a policy verdict with the monitor's tally of it. */
        public static Violation of(Verdict v, long flows, long bytes, List<String> exampleUids) {
            return new Violation(v.ruleId(), v.reason(), v.element() == null ? null : v.element().label(),
                    v.subject(), v.asn(), v.country(), v.vendor(), v.domain(), flows, bytes, exampleUids);
        }
    }

    /** Whether the capture runs; {@code /check} answers 500 when it is not {@code RUNNING}. */
    public enum CaptureState {
        RUNNING, STOPPED, FAILED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Health of the packet source.
     *
     * @param source             interface name or file path
     * @param live               true for an interface, false for a file
     * @param packetsReceived    pcap_stats ps_recv (or packets read from a file)
     * @param droppedByKernel    pcap_stats ps_drop
     * @param droppedByInterface pcap_stats ps_ifdrop
     * @param lastPacket         time stamp of the last packet, null before the first
     * @param error              why the capture failed, null otherwise
     */
    public record Capture(String source, boolean live, CaptureState state, long packetsReceived,
                          long droppedByKernel, long droppedByInterface, Instant lastPacket, String error) {
        public Capture {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Versions of what the verdicts were computed with, and the last reload of them.
     *
     * @param policy          policy (trust table) version
     * @param databases       database name to version (e.g. "asn" to its build date)
     * @param lastReload      when policy or databases were last (re)loaded, null if never reloaded
     * @param lastReloadError why the last reload failed (the old ones stay in force), null if it succeeded
     */
    public record Versions(String policy, Map<String, String> databases, Instant lastReload, String lastReloadError) {
        public Versions {
            databases = Map.copyOf(databases);
        }
    }

    /** Traffic to one country ({@code key} "DE") or AS ({@code key} "AS3320") with a display label. */
    public record Traffic(String key, String label, long bytes, long flows) {
        public Traffic {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A recent flow, with conn.log names in JSON ({@code uid}, {@code ts}, {@code id.orig_h} ...).
     * {@code ruleId} is null when the policy default decided.
     */
    public record FlowSummary(String uid, Instant ts, String origHost, int origPort, String respHost, int respPort,
                              String proto, long bytes, Verdict.Status verdict, String ruleId) {
        public FlowSummary {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
