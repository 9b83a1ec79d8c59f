package org.cleanpath.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cleanpath.policy.Verdict;

/**
 * The JSON bodies of {@code /status}, {@code /flows} and {@code /check}. Times are epoch seconds with
 * microseconds, like Zeek's {@code ts}; flow fields use conn.log names.
 */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private StatusJson() {}

    /** The last snapshot rendered and its JSON: snapshots change once a second, requests far more often. */
    private static volatile Object[] lastStatus = {null, null};

    static String status(StatusSnapshot s) {
        Object[] last = lastStatus;
        if (last[0] == s) {
            return (String) last[1];
        }
        String json = renderStatus(s);
        lastStatus = new Object[] {s, json};
        return json;
    }

    private static String renderStatus(StatusSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated_at", seconds(s.generatedAt()));
        m.put("started_at", seconds(s.startedAt()));
        m.put("window_s", s.window().toSeconds());
        m.put("verdict", Map.of("window", s.windowVerdict().key(), "total", s.totalVerdict().key()));
        StatusSnapshot.Counts c = s.counts();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("packets", ordered("read", c.packetsRead(), "decoded", c.packetsDecoded(),
                "undecodable", c.packetsUndecodable(), "non_ip", c.packetsNonIp()));
        counts.put("bytes", c.bytes());
        counts.put("flows", c.flows());
        counts.put("flows_by_verdict", byVerdict(c.flowsByVerdict()));
        counts.put("bytes_by_verdict", byVerdict(c.bytesByVerdict()));
        m.put("counts", counts);
        List<Object> violations = new ArrayList<>();
        for (StatusSnapshot.Violation v : s.violations()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rule", v.ruleId());
            o.put("reason", v.reason());
            o.put("element", v.element());
            o.put("subject", v.subject());
            o.put("asn", v.asn());
            o.put("country", v.country());
            o.put("vendor", v.vendor());
            o.put("domain", v.domain());
            o.put("flows", v.flows());
            o.put("bytes", v.bytes());
            o.put("example_uids", v.exampleUids());
            violations.add(o);
        }
        m.put("violations", violations);
        StatusSnapshot.Capture cap = s.capture();
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put(cap.live() ? "interface" : "file", cap.source());
        capture.put("state", cap.state().key());
        capture.put("packets_received", cap.packetsReceived());
        capture.put("dropped_by_kernel", cap.droppedByKernel());
        capture.put("dropped_by_interface", cap.droppedByInterface());
        capture.put("last_packet_ts", seconds(cap.lastPacket()));
        capture.put("error", cap.error());
        m.put("capture", capture);
        StatusSnapshot.Versions ver = s.versions();
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("policy", ver.policy());
        versions.put("databases", new TreeMap<>(ver.databases()));
        versions.put("last_reload_ts", seconds(ver.lastReload()));
        versions.put("last_reload_error", ver.lastReloadError());
        m.put("versions", versions);
        m.put("by_country", traffic(s.byCountry()));
        m.put("by_as", traffic(s.byAs()));
        m.put("recent_flows", flowList(s.recentFlows()));
        return write(m);
    }

    static String flows(List<StatusSnapshot.FlowSummary> flows) {
        return write(Map.of("flows", flowList(flows)));
    }

    static String check(String result, StatusSnapshot s, String failOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result);
        m.put("verdict", s.windowVerdict().key());
        m.put("window_s", s.window().toSeconds());
        m.put("fail_on", failOn);
        m.put("capture", s.capture().state().key());
        m.put("generated_at", seconds(s.generatedAt()));
        return write(m);
    }

    static String error(int status, String message) {
        return write(ordered("status", status, "error", message));
    }

    private static List<Object> flowList(List<StatusSnapshot.FlowSummary> flows) {
        List<Object> out = new ArrayList<>(flows.size());
        for (StatusSnapshot.FlowSummary f : flows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ts", seconds(f.ts()));
            o.put("uid", f.uid());
            o.put("id.orig_h", f.origHost());
            o.put("id.orig_p", f.origPort());
            o.put("id.resp_h", f.respHost());
            o.put("id.resp_p", f.respPort());
            o.put("proto", f.proto());
            o.put("bytes", f.bytes());
            o.put("verdict", f.verdict().key());
            o.put("rule", f.ruleId());
            out.add(o);
        }
        return out;
    }

    private static List<Object> traffic(List<StatusSnapshot.Traffic> rows) {
        List<Object> out = new ArrayList<>(rows.size());
        for (StatusSnapshot.Traffic t : rows) {
            out.add(ordered("key", t.key(), "label", t.label(), "bytes", t.bytes(), "flows", t.flows()));
        }
        return out;
    }

    private static Map<String, Long> byVerdict(Map<Verdict.Status, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Verdict.Status s : Verdict.Status.values()) {
            out.put(s.key(), m.getOrDefault(s, 0L));
        }
        return out;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static BigDecimal seconds(Instant t) {
        if (t == null) {
            return null;
        }
        long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        return BigDecimal.valueOf(micros, 6);
    }

    private static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status JSON", e);
        }
    }
}
