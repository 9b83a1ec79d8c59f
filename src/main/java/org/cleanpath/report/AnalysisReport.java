package org.cleanpath.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cleanpath.attribute.Attribution;
import org.cleanpath.attribute.GeoDatabase;
import org.cleanpath.attribute.vendor.Mac;
import org.cleanpath.attribute.vendor.Neighbor;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.flow.FlowTracker;
import org.cleanpath.flow.IpText;
import org.cleanpath.flow.PacketCounts;
import org.cleanpath.policy.Action;
import org.cleanpath.policy.Element;
import org.cleanpath.policy.FlowJudge.JudgedFlow;
import org.cleanpath.policy.Policy;
import org.cleanpath.policy.Verdict;

/**
 * What {@code cleanpath analyze} reports: the overall verdict, violations grouped by rule and
 * element with flow and byte counts and example flows, the unverified share, traffic by country and
 * by AS, devices seen by LLDP/CDP, and the accounting of every packet. Fed one judged flow at a
 * time (from one thread); renders text for people and a JSON object for tools.
 */
public final class AnalysisReport {
    private static final int EXAMPLES = 3;
    private static final int TOP = 10;
    /** Violation groups the text report shows in full. */
    private static final int TOP_FINDINGS = 20;

    /** One violated (or warned) rule on one element. */
    public static final class Finding {
        final Verdict verdict;
        long flows, bytes;
        /** Kept as the flow's key facts and described on demand: most findings are never shown. */
        private final List<Example> examples = new ArrayList<>(EXAMPLES);

        Finding(Verdict verdict) {
            this.verdict = verdict;
        }

        void add(JudgedFlow f) {
            flows++;
            bytes += f.bytes();
            if (examples.size() < EXAMPLES) {
                examples.add(new Example(f.flow()));
            }
        }

        public Verdict verdict() {
            return verdict;
        }

        public long flows() {
            return flows;
        }

        public long bytes() {
            return bytes;
        }

        public List<String> examples() {
            List<String> text = new ArrayList<>(examples.size());
            for (Example e : examples) {
                text.add(e.toString());
            }
            return text;
        }
    }

    /** The facts of an example flow a report shows: uid, endpoints and protocol. */
    private record Example(String uid, long origHi, long origLo, int origPort, long respHi, long respLo, int respPort,
                           String protocol) {
        Example(FlowRecord r) {
            this(r.uid(), r.origHi(), r.origLo(), r.origPort(), r.respHi(), r.respLo(), r.respPort(), r.protocolName());
        }

        @Override
        public String toString() {
            return uid + " " + endpoint(origHi, origLo, origPort) + " -> " + endpoint(respHi, respLo, respPort) + " " + protocol;
        }
    }

    /** What a finding is keyed by; equals and hashCode written out, as {@link AsKey}'s are. */
    private record FindingKey(String rule, Element element, String subject) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FindingKey k && rule.equals(k.rule) && element == k.element
                    && Objects.equals(subject, k.subject);
        }

        @Override
        public int hashCode() {
            return (rule.hashCode() * 31 + Objects.hashCode(element)) * 31 + Objects.hashCode(subject);
        }
    }

    /** A device announcing itself, with its verdict. */
    public record Device(Neighbor neighbor, Verdict verdict) {}

    private static final class Traffic {
        final String label;
        long flows, bytes;

        Traffic(String label) {
            this.label = label;
        }
    }

    private final Policy policy;
    private final List<GeoDatabase> databases;
    private final Map<FindingKey, Finding> violations = new LinkedHashMap<>();
    private final Map<FindingKey, Finding> warnings = new LinkedHashMap<>();
    private final Map<FindingKey, Finding> unverified = new LinkedHashMap<>();
    private final Map<String, Traffic> byCountry = new LinkedHashMap<>();
    /** Keyed by AS number and organization (or neither, for "unknown"); the label is built once per AS. */
    private final Map<AsKey, Traffic> byAsn = new LinkedHashMap<>();

    private record AsKey(Long asn, String org) {
        // Written out: the generated equals and hashCode of a record bootstrap method handles on
        // first use, which a short run pays for; these are called once per flow.
        @Override
        public boolean equals(Object o) {
            return o instanceof AsKey k && Objects.equals(asn, k.asn) && Objects.equals(org, k.org);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(asn) + Objects.hashCode(org);
        }

        String label() {
            return asn == null ? "unknown" : "AS" + asn + (org == null ? "" : " " + org);
        }
    }
    /**
     * The two traffic rows of each remote attribution seen. Attributions are shared per combination
     * of database answers, so a few thousand of them stand for all remote ends, and a flow finds its
     * rows by identity instead of by two keyed lookups. Bounded: past the bound, rows are found by key.
     */
    private final Map<Attribution, Traffic[]> rowsByAttribution = new IdentityHashMap<>();
    private static final int MAX_ROWS_BY_ATTRIBUTION = 1 << 16;
    private final List<Device> devices = new ArrayList<>();
    private final long[] flowsBy = new long[Verdict.Status.values().length];
    private final long[] bytesBy = new long[Verdict.Status.values().length];

    public AnalysisReport(Policy policy, List<GeoDatabase> databases) {
        this.policy = policy;
        this.databases = databases;
    }

    public void add(JudgedFlow f) {
        Verdict v = f.verdict();
        flowsBy[v.status().ordinal()]++;
        bytesBy[v.status().ordinal()] += f.bytes();
        // Clean flows (most of them) are only counted: no finding key to build.
        boolean finding = v.status() != Verdict.Status.CLEAN || v.action() == Action.WARN;
        FindingKey key = finding ? new FindingKey(v.ruleId(), v.element(), v.subject()) : null;
        if (v.status() == Verdict.Status.DIRTY) {
            violations.computeIfAbsent(key, k -> new Finding(v)).add(f);
        } else if (v.status() == Verdict.Status.UNVERIFIED) {
            unverified.computeIfAbsent(key, k -> new Finding(v)).add(f);
        } else if (v.action() == Action.WARN) {
            warnings.computeIfAbsent(key, k -> new Finding(v)).add(f);
        }
        Attribution remote = f.remote();
        if (remote != null) {
            Traffic[] rows = rowsByAttribution.get(remote);
            if (rows == null) {
                rows = trafficRows(remote);
                if (rowsByAttribution.size() < MAX_ROWS_BY_ATTRIBUTION) {
                    rowsByAttribution.put(remote, rows);
                }
            }
            for (Traffic t : rows) {
                t.flows++;
                t.bytes += f.bytes();
            }
        }
    }

    /** The by-country and by-AS rows a remote end's traffic counts in. */
    private Traffic[] trafficRows(Attribution remote) {
        String cc = remote.country() == null ? "unknown" : remote.country();
        AsKey as = remote.asn() == null ? new AsKey(null, null) : new AsKey(remote.asn(), remote.asOrg());
        return new Traffic[] {byCountry.computeIfAbsent(cc, Traffic::new), byAsn.computeIfAbsent(as, k -> new Traffic(k.label()))};
    }

    public void addDevice(Neighbor n, Verdict v) {
        devices.add(new Device(n, v));
    }

    public Verdict.Status verdict() {
        boolean dirtyDevice = devices.stream().anyMatch(d -> d.verdict().status() == Verdict.Status.DIRTY);
        if (flowsBy[Verdict.Status.DIRTY.ordinal()] > 0 || dirtyDevice) {
            return Verdict.Status.DIRTY;
        }
        if (flowsBy[Verdict.Status.UNVERIFIED.ordinal()] > 0) {
            return Verdict.Status.UNVERIFIED;
        }
        return Verdict.Status.CLEAN;
    }

    public long flows() {
        long n = 0;
        for (long x : flowsBy) {
            n += x;
        }
        return n;
    }

    public long bytes() {
        long n = 0;
        for (long x : bytesBy) {
            n += x;
        }
        return n;
    }

    public List<Finding> violations() {
        return sorted(violations);
    }

    public List<Device> devices() {
        return devices;
    }

    private static List<Finding> sorted(Map<FindingKey, Finding> m) {
        List<Finding> l = new ArrayList<>(m.values());
        l.sort(Comparator.comparingLong((Finding x) -> -x.bytes).thenComparingLong(x -> -x.flows));
        return l;
    }

    private static List<Traffic> top(Map<?, Traffic> m) {
        List<Traffic> l = new ArrayList<>(m.values());
        l.sort(Comparator.comparingLong((Traffic x) -> -x.bytes));
        return l.subList(0, Math.min(TOP, l.size()));
    }

    private static String endpoint(long hi, long lo, int port) {
        String h = IpText.format(hi, lo);
        return h.indexOf(':') >= 0 ? "[" + h + "]:" + port : h + ":" + port;
    }

    private double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 100.0;
    }

    // ---- JSON ----

    public Map<String, Object> toMap(PacketCounts c, FlowTracker.FlowCounters fc, List<String> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict().key());
        m.put("inputs", inputs);
        m.put("packets", RunSummary.packets(c));
        Map<String, Object> flows = new LinkedHashMap<>();
        Map<String, Object> bytes = new LinkedHashMap<>();
        flows.put("total", flows());
        bytes.put("total", bytes());
        for (Verdict.Status s : Verdict.Status.values()) {
            flows.put(s.key(), flowsBy[s.ordinal()]);
            bytes.put(s.key(), bytesBy[s.ordinal()]);
        }
        flows.put("evicted", fc.evicted());
        m.put("flows", flows);
        m.put("bytes", bytes);
        m.put("violations", findings(violations));
        m.put("warnings", findings(warnings));
        Map<String, Object> unv = new LinkedHashMap<>();
        unv.put("flows", flowsBy[Verdict.Status.UNVERIFIED.ordinal()]);
        unv.put("bytes", bytesBy[Verdict.Status.UNVERIFIED.ordinal()]);
        unv.put("flow_share_pct", share(flowsBy[Verdict.Status.UNVERIFIED.ordinal()], flows()));
        unv.put("byte_share_pct", share(bytesBy[Verdict.Status.UNVERIFIED.ordinal()], bytes()));
        unv.put("examples", findings(unverified));
        m.put("unverified", unv);
        m.put("by_country", traffic(byCountry, "country"));
        m.put("by_asn", traffic(byAsn, "as"));
        List<Object> devs = new ArrayList<>();
        for (Device d : devices) {
            Map<String, Object> x = new LinkedHashMap<>();
            Neighbor n = d.neighbor();
            x.put("protocol", n.protocol());
            x.put("system_name", n.systemName());
            x.put("chassis_id", n.chassisId());
            x.put("mac", n.mac() != Mac.NONE ? Mac.format(n.mac()) : null);
            x.put("system_description", n.systemDescription());
            x.put("platform", n.platform());
            x.put("verdict", d.verdict().status().key());
            x.put("rule", d.verdict().ruleId());
            x.put("vendor", d.verdict().vendor());
            devs.add(x);
        }
        m.put("devices", devs);
        List<Object> dbs = new ArrayList<>();
        for (GeoDatabase db : databases) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", db.file().getFileName().toString());
            x.put("type", db.metadata().databaseType());
            x.put("build_time", String.valueOf(db.metadata().buildTime()));
            dbs.add(x);
        }
        m.put("databases", dbs);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", policy.name());
        p.put("version", policy.version());
        p.put("file", policy.source());
        p.put("rules", policy.rules().size());
        m.put("policy", p);
        m.put("warnings_input", c.warnings());
        m.put("errors", c.errors());
        return m;
    }

    private static List<Object> findings(Map<FindingKey, Finding> m) {
        List<Object> out = new ArrayList<>();
        for (Finding f : sorted(m)) {
            Verdict v = f.verdict;
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", v.ruleId());
            x.put("reason", v.reason());
            x.put("element", v.element() == null ? null : v.element().key());
            x.put("subject", v.subject());
            x.put("attribute", v.attribute());
            x.put("value", v.value());
            x.put("asn", v.asn());
            x.put("as_org", v.asOrg());
            x.put("country", v.country());
            x.put("vendor", v.vendor());
            x.put("domain", v.domain());
            x.put("evidence", v.evidence());
            x.put("flows", f.flows);
            x.put("bytes", f.bytes);
            x.put("examples", f.examples());
            out.add(x);
        }
        return out;
    }

    private static List<Object> traffic(Map<?, Traffic> m, String labelName) {
        List<Object> out = new ArrayList<>();
        for (Traffic t : top(m)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put(labelName, t.label);
            x.put("flows", t.flows);
            x.put("bytes", t.bytes);
            out.add(x);
        }
        return out;
    }

    // ---- text ----

    public String toText(PacketCounts c) {
        StringBuilder sb = new StringBuilder();
        Verdict.Status v = verdict();
        long dirtyFlows = flowsBy[Verdict.Status.DIRTY.ordinal()];
        long dirtyDevices = devices.stream().filter(d -> d.verdict().status() == Verdict.Status.DIRTY).count();
        String headline = switch (v) {
            case DIRTY -> String.format("DIRTY: %,d of %,d flows (%.1f%% of bytes)%s violate the trust table",
                    dirtyFlows, flows(), share(bytesBy[Verdict.Status.DIRTY.ordinal()], bytes()),
                    dirtyDevices > 0 ? String.format(" and %d device%s", dirtyDevices, dirtyDevices == 1 ? "" : "s") : "");
            case UNVERIFIED -> String.format("UNVERIFIED: no violation, but %,d of %,d flows (%.1f%% of bytes) could not be attributed",
                    flowsBy[Verdict.Status.UNVERIFIED.ordinal()], flows(), share(bytesBy[Verdict.Status.UNVERIFIED.ordinal()], bytes()));
            case CLEAN -> String.format("CLEAN: all %,d flows stay on the clean path", flows());
        };
        sb.append("Verdict: ").append(headline).append('\n');
        sb.append("Policy:  ").append(policy.source()).append(" (").append(policy.version()).append(", ")
                .append(policy.rules().size()).append(" rules)\n");
        if (!violations.isEmpty()) {
            appendFindings(sb, "Violations", "", violations);
        }
        if (!devices.isEmpty()) {
            sb.append("\nDevices announced by LLDP/CDP\n");
            for (Device d : devices) {
                Neighbor n = d.neighbor();
                sb.append(String.format("  %-8s %s%s: %s%n", d.verdict().status().key().toUpperCase(Locale.ROOT),
                        n.systemName() == null ? n.chassisId() : n.systemName(),
                        d.verdict().vendor() == null ? "" : " (" + d.verdict().vendor() + ")",
                        d.verdict().status() == Verdict.Status.CLEAN ? "no rule matched"
                                : d.verdict().ruleId() + ": " + d.verdict().reason()));
            }
        }
        if (!warnings.isEmpty()) {
            appendFindings(sb, "Warnings", "rules with action warn, ", warnings);
        }
        sb.append(String.format("%nUnverified: %,d flows (%.1f%% of flows, %.1f%% of bytes)%n",
                flowsBy[Verdict.Status.UNVERIFIED.ordinal()], share(flowsBy[Verdict.Status.UNVERIFIED.ordinal()], flows()),
                share(bytesBy[Verdict.Status.UNVERIFIED.ordinal()], bytes())));
        for (Finding f : sorted(unverified).subList(0, Math.min(5, unverified.size()))) {
            sb.append(String.format("  %s  (%,d flows, %,d bytes)%n", f.verdict.reason(), f.flows, f.bytes));
        }
        sb.append("\nTraffic by country (remote end)\n");
        for (Traffic t : top(byCountry)) {
            sb.append(String.format("  %-8s %,14d bytes %,8d flows%n", t.label, t.bytes, t.flows));
        }
        sb.append("\nTraffic by AS (remote end)\n");
        for (Traffic t : top(byAsn)) {
            sb.append(String.format("  %-48s %,14d bytes %,8d flows%n", truncate(t.label, 48), t.bytes, t.flows));
        }
        sb.append(String.format("%nPackets: %,d read = %,d decoded + %,d undecodable + %,d non-IP%n",
                c.read(), c.decoded(), c.undecodable(), c.nonIp()));
        c.undecodableByReason().forEach((k, n) -> sb.append(String.format("  undecodable, %s: %,d%n", k, n)));
        c.nonIpByType().forEach((k, n) -> sb.append(String.format("  non-IP, ethertype %s: %,d%n", k, n)));
        for (String w : c.warnings()) {
            sb.append("Warning: ").append(w).append('\n');
        }
        sb.append("Databases: ");
        for (int i = 0; i < databases.size(); i++) {
            GeoDatabase db = databases.get(i);
            sb.append(i == 0 ? "" : ", ").append(db.file().getFileName()).append(" (")
                    .append(db.metadata().databaseType()).append(", built ").append(db.metadata().buildTime()).append(')');
        }
        return sb.append('\n').toString();
    }

    /**
     * Every violated (or warned) rule in one line each, then the largest groups (rule and element)
     * in full. A capture with thousands of remote ends in covered networks has thousands of groups:
     * listed whole, they buried the rule totals under some twenty thousand lines nobody reads; the
     * JSON report still lists them all.
     */
    private void appendFindings(StringBuilder sb, String title, String note, Map<FindingKey, Finding> findings) {
        List<Finding> all = sorted(findings);
        Map<String, long[]> byRule = new LinkedHashMap<>(); // rule id -> flows, bytes, groups
        for (Finding f : all) {
            long[] t = byRule.computeIfAbsent(f.verdict.ruleId(), k -> new long[3]);
            t[0] += f.flows;
            t[1] += f.bytes;
            t[2]++;
        }
        List<Map.Entry<String, long[]>> rules = new ArrayList<>(byRule.entrySet());
        rules.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]));
        sb.append('\n').append(title).append(" by rule\n");
        for (Map.Entry<String, long[]> e : rules) {
            long[] t = e.getValue();
            sb.append(String.format("  %-40s %,10d flow%s %,16d bytes %,8d element%s%n", e.getKey(), t[0],
                    t[0] == 1 ? " " : "s", t[1], t[2], t[2] == 1 ? "" : "s"));
        }
        List<Finding> shown = all.subList(0, Math.min(TOP_FINDINGS, all.size()));
        sb.append('\n').append(title).append(" (").append(note).append("by rule and element)");
        if (shown.size() < all.size()) {
            sb.append(String.format(": the %d largest of %,d groups; --format json lists all", shown.size(), all.size()));
        }
        sb.append('\n');
        for (Finding f : shown) {
            appendFinding(sb, f);
        }
    }

    private void appendFinding(StringBuilder sb, Finding f) {
        Verdict v = f.verdict;
        sb.append(String.format("  %s  %,d flow%s, %,d bytes%n", v.ruleId(), f.flows, f.flows == 1 ? "" : "s", f.bytes));
        sb.append("    why:      ").append(v.reason()).append('\n');
        sb.append("    evidence: ").append(v.evidence()).append('\n');
        for (String e : f.examples()) {
            sb.append("    e.g.      ").append(e).append('\n');
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
