package org.cleanpath.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.cleanpath.policy.Verdict;

/**
 * The Prometheus metrics of a running monitor, in a registry of their own. The monitor updates them as
 * it goes (counters are lock-free adders, safe from any thread); {@code /metrics} scrapes the registry.
 * Capture statistics arrive as pcap_stats totals and are turned into counter increments here.
 */
public final class Metrics {
    /** Content type of {@link #write}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter packets = Counter.builder().name("cleanpath_packets_total")
            .help("Packets read from the capture").register(registry);
    private final Counter bytes = Counter.builder().name("cleanpath_bytes_total")
            .help("Bytes on the wire of the packets read").register(registry);
    private final Counter flows = Counter.builder().name("cleanpath_flows_total")
            .help("Flows classified, by verdict").labelNames("verdict").register(registry);
    private final Counter flowBytes = Counter.builder().name("cleanpath_flow_bytes_total")
            .help("Bytes of classified flows, by verdict").labelNames("verdict").register(registry);
    private final Counter verdictsByRule = Counter.builder().name("cleanpath_verdicts_total")
            .help("Flow verdicts by the rule that decided them (rule=\"default\" for the policy default)")
            .labelNames("rule", "verdict").register(registry);
    private final Counter kernelDrops = Counter.builder().name("cleanpath_capture_dropped_kernel_total")
            .help("Packets dropped by the kernel (pcap_stats ps_drop)").register(registry);
    private final Counter interfaceDrops = Counter.builder().name("cleanpath_capture_dropped_interface_total")
            .help("Packets dropped by the interface (pcap_stats ps_ifdrop)").register(registry);
    private final Counter cacheLookups = Counter.builder().name("cleanpath_lookup_cache_requests_total")
            .help("Attribution cache lookups, by result").labelNames("result").register(registry);
    private final Counter reloads = Counter.builder().name("cleanpath_policy_reloads_total")
            .help("Policy and database reloads, by result").labelNames("result").register(registry);
    private final Gauge lastPacket = Gauge.builder().name("cleanpath_last_packet_timestamp_seconds")
            .help("Time stamp of the last packet read, seconds since the epoch").register(registry);

    private long lastKernelDrops, lastInterfaceDrops;

    public Metrics() {
        for (Verdict.Status s : Verdict.Status.values()) {
            flows.initLabelValues(s.key());
            flowBytes.initLabelValues(s.key());
        }
        cacheLookups.initLabelValues("hit");
        cacheLookups.initLabelValues("miss");
        reloads.initLabelValues("success");
        reloads.initLabelValues("failure");
    }

    /** A batch of packets read: how many and their wire bytes. */
    public void packetsRead(long count, long wireBytes) {
        packets.inc(count);
        bytes.inc(wireBytes);
    }

    /** One flow classified; {@code ruleId} null when the policy default decided. */
    public void flowClassified(Verdict.Status verdict, String ruleId, long flowBytesTotal) {
        flows.labelValues(verdict.key()).inc();
        flowBytes.labelValues(verdict.key()).inc(flowBytesTotal);
        verdictsByRule.labelValues(ruleId == null ? "default" : ruleId, verdict.key()).inc();
    }

    /**
     * The capture's pcap_stats totals; the increase since the last call is added to the drop counters
     * (a total that went down, as after a capture restart, counts from zero again).
     */
    public synchronized void captureStats(long droppedByKernelTotal, long droppedByInterfaceTotal) {
        kernelDrops.inc(increase(lastKernelDrops, droppedByKernelTotal));
        interfaceDrops.inc(increase(lastInterfaceDrops, droppedByInterfaceTotal));
        lastKernelDrops = droppedByKernelTotal;
        lastInterfaceDrops = droppedByInterfaceTotal;
    }

    private static long increase(long before, long now) {
        return now >= before ? now - before : now;
    }

    /** Attribution cache lookups since the last call. */
    public void lookupCache(long hits, long misses) {
        cacheLookups.labelValues("hit").inc(hits);
        cacheLookups.labelValues("miss").inc(misses);
    }

    /** One policy or database reload attempt. */
    public void policyReload(boolean succeeded) {
        reloads.labelValues(succeeded ? "success" : "failure").inc();
    }

    public void lastPacket(Instant ts) {
        lastPacket.set(ts.getEpochSecond() + ts.getNano() / 1e9);
    }

    /** The registry, for a caller that adds metrics of its own. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Writes the current values in the Prometheus text format. */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
