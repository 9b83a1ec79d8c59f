package org.cleanpath.report;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cleanpath.flow.FlowTracker;
import org.cleanpath.flow.PacketCounts;

/** The accounting of a run, for people (stderr) and tools (--summary-json). */
public final class RunSummary {
    private RunSummary() {}

    public static Map<String, Object> of(List<String> inputs, PacketCounts c, FlowTracker.FlowCounters f,
                                         long flowsReported, double elapsedSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", inputs);
        m.put("packets", packets(c));
        m.put("bytes", Map.of("captured", c.capturedBytes(), "wire", c.wireBytes()));
        Map<String, Object> flows = new LinkedHashMap<>();
        flows.put("reported", flowsReported);
        flows.put("expired", f.expired());
        flows.put("evicted", f.evicted());
        flows.put("port_reuse", f.reused());
        flows.put("max_flows", f.maxFlows());
        m.put("flows", flows);
        if (c.read() > 0) {
            m.put("first_ts", FlowFields.seconds(c.firstNanos()));
            m.put("last_ts", FlowFields.seconds(c.lastNanos()));
        }
        m.put("warnings", c.warnings());
        m.put("errors", c.errors());
        m.put("elapsed_s", Math.round(elapsedSeconds * 1000) / 1000.0);
        return m;
    }

    /** The packet accounting: read = decoded + undecodable (by reason) + non-IP (by EtherType). */
    public static Map<String, Object> packets(PacketCounts c) {
        Map<String, Object> packets = new LinkedHashMap<>();
        packets.put("read", c.read());
        packets.put("decoded", c.decoded());
        packets.put("undecodable", c.undecodable());
        packets.put("non_ip", c.nonIp());
        packets.put("truncated", c.truncated());
        packets.put("undecodable_by_reason", c.undecodableByReason());
        packets.put("non_ip_by_ethertype", c.nonIpByType());
        Map<String, Long> links = new LinkedHashMap<>();
        c.unsupportedLinkTypes().forEach((k, v) -> links.put(Integer.toString(k), v));
        packets.put("unsupported_link_types", links);
        return packets;
    }

    /** The attribution cache's counts, for the summary's {@code attribution_cache} key. */
    public static Map<String, Object> cache(CacheStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lookups", s.requestCount());
        m.put("hits", s.hitCount());
        m.put("misses", s.missCount());
        m.put("evictions", s.evictionCount());
        return m;
    }

    /** One line on the attribution cache, for a terminal. */
    public static String cacheText(CacheStats s) {
        return String.format("attribution cache: %,d lookups, %,d hits (%.1f %%), %,d misses, %,d evictions%n",
                s.requestCount(), s.hitCount(), 100 * s.hitRate(), s.missCount(), s.evictionCount());
    }

    public static String json(Map<String, Object> summary) {
        return JsonLinesFlowWriter.line(summary);
    }

    /** A few lines for a terminal. */
    public static String text(PacketCounts c, FlowTracker.FlowCounters f, long flowsReported, double elapsedSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("packets: %,d read = %,d decoded + %,d undecodable + %,d non-IP (%,d truncated by snaplen)%n",
                c.read(), c.decoded(), c.undecodable(), c.nonIp(), c.truncated()));
        c.undecodableByReason().forEach((k, v) -> sb.append(String.format("  undecodable, %s: %,d%n", k, v)));
        c.nonIpByType().forEach((k, v) -> sb.append(String.format("  non-IP, ethertype %s: %,d%n", k, v)));
        c.unsupportedLinkTypes().forEach((k, v) -> sb.append(String.format("  unsupported link type %d: %,d%n", k, v)));
        sb.append(String.format("bytes: %,d captured, %,d on the wire%n", c.capturedBytes(), c.wireBytes()));
        sb.append(String.format("flows: %,d reported (%,d ended by idle or close timeout, %,d evicted from a full table, %,d port reuses)%n",
                flowsReported, f.expired(), f.evicted(), f.reused()));
        if (f.capLoweredByHeap()) {
            sb.append(String.format("note: the flow table held at most %,d flows, all that half of the %,d MiB heap takes"
                    + " (--max-flows %,d); give the JVM more heap (CLEANPATH_JAVA_OPTS=-Xmx1g) to evict fewer%n",
                    f.maxFlows(), Runtime.getRuntime().maxMemory() >> 20, f.maxFlowsAsked()));
        }
        if (elapsedSeconds > 0) {
            sb.append(String.format("time: %.3f s, %,.0f packets/s%n", elapsedSeconds, c.read() / elapsedSeconds));
        }
        for (String w : c.warnings()) {
            sb.append("warning: ").append(w).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
