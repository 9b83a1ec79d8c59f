package org.cleanpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.cleanpath.Corpus;
import org.cleanpath.attribute.mmdb.MmdbValue;
import org.cleanpath.attribute.mmdb.MmdbWriter;
import org.cleanpath.capture.LinkType;
import org.cleanpath.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance tests of {@code cleanpath analyze} on real captures: each rule kind makes a flow
 * dirty, precedence behaves like an ACL, the demo captures give their verdicts, broken policies
 * stop the run.
 */
class AnalyzeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIRTY_DEMO = Path.of("captures/5g-ingress-dirty.pcap");
    static final Path CLEAN_DEMO = Path.of("captures/5g-ingress-clean.pcap");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path policy(String rules) throws IOException {
        Path p = tmp.resolve("policy-" + System.nanoTime() + ".yaml");
        Files.writeString(p, "name: test\n" + rules);
        return p;
    }

    /** Runs analyze with a policy and returns its flows (jsonl) and exit status. */
    List<JsonNode> flows(Path capture, Path policy, String... extra) throws IOException {
        Path out = tmp.resolve("flows-" + System.nanoTime() + ".jsonl");
        List<String> args = new ArrayList<>(List.of("analyze", capture.toString(), "--policy", policy.toString(),
                "--format", "jsonl", "-o", out.toString(), "-q"));
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        assertTrue(r.exit() == 0 || r.exit() == 1, "exit " + r.exit() + ": " + r.err());
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    static JsonNode flowTo(List<JsonNode> flows, String respHost) {
        return flows.stream().filter(f -> f.get("id.resp_h").asText().equals(respHost)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow to " + respHost));
    }

    static void assertDirty(JsonNode f, String rule, String element, String matched, String value) {
        assertEquals("dirty", f.get("verdict").asText(), f.toString());
        assertEquals(rule, f.get("rule").asText());
        assertEquals(element, f.get("element").asText());
        assertEquals(matched, f.get("matched").asText());
        assertEquals(value, f.get("value").asText());
    }

    static String rule(String id, String match) {
        return "  - id: " + id + "\n    reason: test rule " + id + "\n    action: deny\n    match: " + match + "\n";
    }

    // ---- the demo captures (acceptance 1) ----

    @Test
    void dirtyDemoIsDirtyNamingRulesElementsAndEvidence() {
        Run r = run("analyze", DIRTY_DEMO.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("Verdict: DIRTY"), r.out());
        assertTrue(r.out().contains("covered-asn-china-telecom"), r.out());
        assertTrue(r.out().contains("remote endpoint 202.97.33.6 AS4134"), r.out());
        assertTrue(r.out().contains("tunnel outer endpoint 183.232.231.172 AS56040"), r.out());
        assertTrue(r.out().contains("domain=www.huawei.com"), r.out());
        assertTrue(r.out().contains("L2 next hop 00:e0:fc:5a:31:07"), r.out());
        assertTrue(r.out().contains("DIRTY    n6-edge-r1"), r.out());
    }

    @Test
    void textReportTotalsEveryRuleAndShowsOnlyTheLargestGroupsInFull() throws IOException {
        Path capture = thirtyRemoteEnds();
        Path p = policy("rules:\n" + rule("anywhere", "{cidr: [0.0.0.0/0]}"));

        Run text = run("analyze", capture.toString(), "--policy", p.toString());
        assertEquals(1, text.exit(), text.err());
        assertTrue(text.out().contains("Violations by rule\n  anywhere "), text.out());
        assertTrue(text.out().matches("(?s).*\n  anywhere +30 flows +\\S+ bytes +30 elements\n.*"), text.out());
        assertTrue(text.out().contains("Violations (by rule and element): the 20 largest of 30 groups; --format json lists all"),
                text.out());
        assertEquals(20, text.out().split("\n    evidence: ", -1).length - 1, text.out());

        Run json = run("analyze", capture.toString(), "--policy", p.toString(), "--format", "json");
        assertEquals(30, JSON.readTree(json.out()).get("violations").size());
    }

    @Test
    void textReportShortensWarningsAsItShortensViolations() throws IOException {
        Path capture = thirtyRemoteEnds();
        Path p = policy("rules:\n" + rule("anywhere", "{cidr: [0.0.0.0/0]}").replace("action: deny", "action: warn"));

        Run text = run("analyze", capture.toString(), "--policy", p.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().matches("(?s).*\nWarnings by rule\n  anywhere +30 flows +\\S+ bytes +30 elements\n.*"), text.out());
        assertTrue(text.out().contains(
                "Warnings (rules with action warn, by rule and element): the 20 largest of 30 groups; --format json lists all"),
                text.out());
        assertEquals(20, text.out().split("\n    evidence: ", -1).length - 1, text.out());
    }

    /** 30 SYNs from one local host, each to its own public address: 30 groups of one rule that matches them all. */
    private Path thirtyRemoteEnds() throws IOException {
        Path capture = tmp.resolve("thirty.pcap");
        byte[] f = new byte[54];
        f[0] = 0x02; f[5] = 0x01; f[6] = 0x02; f[11] = 0x02; f[12] = 0x08;
        f[14] = 0x45; f[17] = 40; f[22] = 64; f[23] = 6;
        f[26] = 10; f[29] = 1; // 10.0.0.1
        f[30] = 8; f[31] = 8; f[32] = 4; // 8.8.4.x
        f[34] = 0x30; f[36] = 0x01; f[37] = (byte) 0xBB; f[46] = 0x50; f[47] = 0x02;
        try (PcapWriter w = PcapWriter.create(capture, LinkType.ETHERNET, 65535, false)) {
            for (int i = 1; i <= 30; i++) {
                f[33] = (byte) i;
                f[35] = (byte) i;
                w.write(1_700_000_000_000_000_000L + i * 1000L, f);
            }
        }
        return capture;
    }

    @Test
    void cleanDemoIsClean() {
        Run r = run("analyze", CLEAN_DEMO.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Verdict: CLEAN"), r.out());
    }

    @Test
    void jsonReportHasTheDocumentedFields() throws IOException {
        Run r = run("analyze", DIRTY_DEMO.toString(), "--format", "json");
        assertEquals(1, r.exit());
        JsonNode j = JSON.readTree(r.out());
        for (String field : List.of("verdict", "packets", "flows", "bytes", "violations", "unverified", "by_country",
                "by_asn", "databases", "policy", "devices")) {
            assertTrue(j.has(field), field);
        }
        assertEquals("dirty", j.get("verdict").asText());
        assertEquals(j.get("packets").get("read").asLong(), j.get("packets").get("decoded").asLong()
                + j.get("packets").get("undecodable").asLong() + j.get("packets").get("non_ip").asLong());
        JsonNode v = j.get("violations").get(0);
        for (String field : List.of("rule", "reason", "element", "asn", "country", "vendor", "domain", "flows", "bytes", "examples")) {
            assertTrue(v.has(field), field);
        }
        // Every public endpoint lookup is a cache hit or a miss, and the demo repeats some addresses.
        JsonNode cache = j.get("attribution_cache");
        assertEquals(cache.get("lookups").asLong(), cache.get("hits").asLong() + cache.get("misses").asLong());
        assertTrue(cache.get("hits").asLong() > 0 && cache.get("misses").asLong() > 0, cache.toString());
    }

    @Test
    void flowsSummaryCountsTheAttributionCache() throws IOException {
        Path summary = tmp.resolve("summary.json");
        Run r = run("flows", DIRTY_DEMO.toString(), "--format", "jsonl", "-o", tmp.resolve("f.jsonl").toString(),
                "--summary-json", summary.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("attribution cache: "), r.err());
        JsonNode cache = JSON.readTree(summary.toFile()).get("attribution_cache");
        assertEquals(cache.get("lookups").asLong(), cache.get("hits").asLong() + cache.get("misses").asLong());
        assertTrue(cache.get("misses").asLong() > 0, cache.toString());
    }

    @Test
    void evidencePcapHoldsThePacketsOfDirtyFlows() throws Exception {
        Path ev = tmp.resolve("evidence.pcap");
        Path p = policy("rules:\n" + rule("t-asn", "{asn: [4134]}"));
        Run r = run("analyze", DIRTY_DEMO.toString(), "--policy", p.toString(), "--write-evidence", ev.toString());
        assertEquals(1, r.exit(), r.err());
        Path out = tmp.resolve("ev.jsonl");
        assertEquals(0, run("flows", ev.toString(), "--format", "jsonl", "-o", out.toString(), "-q").exit());
        // The evidence holds the dirty ICMP flow's frames, which also carry its GTP tunnel.
        Set<String> inner = new TreeSet<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode f = JSON.readTree(line);
            if (f.get("id.resp_p").asInt() != 2152) {
                inner.add(f.get("id.resp_h").asText());
            }
        }
        assertEquals(Set.of("202.97.33.6"), inner);
    }

    // ---- each rule kind on real bytes (acceptance 2) ----

    @Test
    void asnRule() throws IOException {
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-asn", "{asn: [4134]}"))), "202.97.33.6"),
                "t-asn", "remote", "asn", "4134");
    }

    @Test
    void asOrgRule() throws IOException {
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-org", "{as_org: \"unicom\"}"))), "219.158.3.10"),
                "t-org", "remote", "as_org", "CHINA UNICOM China169 Backbone");
    }

    @Test
    void countryRule() throws IOException {
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-cc", "{country: [CN]}"))), "118.31.180.41"),
                "t-cc", "remote", "country", "CN");
    }

    @Test
    void registeredCountryRule() throws IOException {
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-reg", "{registered_country: [CN]}"))), "211.136.17.107"),
                "t-reg", "remote", "registered_country", "CN");
    }

    @Test
    void cidrRule() throws IOException {
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-cidr", "{cidr: [\"2400:3200::/32\"]}"))), "2400:3200::1"),
                "t-cidr", "remote", "cidr", "2400:3200::/32");
    }

    @Test
    void tunnelOuterEndpointRule() throws IOException {
        List<JsonNode> flows = flows(DIRTY_DEMO, policy("rules:\n" + rule("t-asn", "{asn: [56040]}")));
        JsonNode inner = flows.stream().filter(f -> f.has("tunnel_resp_h")
                && f.get("tunnel_resp_h").asText().equals("183.232.231.172")).findFirst().orElseThrow();
        assertDirty(inner, "t-asn", "tunnel_outer", "asn", "56040");
    }

    @Test
    void vendorRuleByNextHopOui() throws IOException {
        String rules = "rules:\n  - id: t-oui\n    reason: r\n    action: deny\n    applies_to: [l2_next_hop]\n"
                + "    match: {vendor: [Huawei]}\n";
        assertDirty(flowTo(flows(DIRTY_DEMO, policy(rules)), "142.250.185.68"), "t-oui", "l2_next_hop", "vendor", "Huawei");
    }

    @Test
    void vendorRuleByLldpNeighbour() throws IOException {
        String rules = "rules:\n  - id: t-lldp\n    reason: r\n    action: deny\n    applies_to: [lldp_neighbor]\n"
                + "    match: {vendor: [Huawei]}\n";
        Run r = run("analyze", DIRTY_DEMO.toString(), "--policy", policy(rules).toString(), "--format", "json");
        assertEquals(1, r.exit());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("dirty", j.get("verdict").asText());
        assertEquals(0, j.get("flows").get("dirty").asLong(), "only the device is dirty");
        JsonNode d = j.get("devices").get(0);
        assertEquals("n6-edge-r1", d.get("system_name").asText());
        assertEquals("t-lldp", d.get("rule").asText());
    }

    @Test
    void domainRuleByDnsAnswer() throws IOException {
        // akamaiedge.net appears only in the DNS CNAME chain, never in SNI or Host.
        assertDirty(flowTo(flows(DIRTY_DEMO, policy("rules:\n" + rule("t-dns", "{domain: [akamaiedge.net]}"))), "23.215.0.136"),
                "t-dns", "remote", "domain", "e12001.dscb.akamaiedge.net");
    }

    @Test
    void domainRuleByTlsSni() throws IOException {
        Path capture = Corpus.require().resolve("pcapplusplus/tls1_3.pcap");
        assertDirty(flowTo(flows(capture, policy("rules:\n" + rule("t-sni", "{domain: [google.com]}"))), "2607:f8b0:4005:80a::2004"),
                "t-sni", "remote", "domain", "www.google.com");
    }

    @Test
    void domainRuleByHttpHost() throws IOException {
        Path capture = Corpus.require().resolve("zeek/vlan-qinqinq.pcap");
        assertDirty(flowTo(flows(capture, policy("rules:\n" + rule("t-http", "{domain: [bro.org]}"))), "192.150.187.43"),
                "t-http", "remote", "domain", "bro.org");
    }

    @Test
    void domainRuleByQuicSni() throws IOException {
        Path capture = Corpus.require().resolve("zeek/chromium-115.0.5790.110-api-cirrus-com.pcap");
        assertDirty(flowTo(flows(capture, policy("rules:\n" + rule("t-quic", "{domain: [\"*.cirrus-ci.com\"]}"))), "110.213.53.115"),
                "t-quic", "remote", "domain", "api.cirrus-ci.com");
    }

    // ---- precedence ----

    @Test
    void firstMatchWins() throws IOException {
        String rules = "rules:\n  - id: allow-it\n    reason: r\n    action: allow\n    match: {cidr: [202.97.33.0/24]}\n"
                + rule("t-asn", "{asn: [4134]}");
        JsonNode f = flowTo(flows(DIRTY_DEMO, policy(rules)), "202.97.33.6");
        assertEquals("clean", f.get("verdict").asText());
        assertEquals("allow-it", f.get("rule").asText());
    }

    @Test
    void internalNetworksOverrideAttribution() throws IOException {
        JsonNode f = flowTo(flows(DIRTY_DEMO, policy("internal: [202.97.33.0/24]\nrules:\n" + rule("t-asn", "{asn: [4134]}"))),
                "202.97.33.6");
        assertEquals("clean", f.get("verdict").asText(), f.toString());
    }

    @Test
    void missingAttributionIsUnverifiedAndFailsOnRequest() throws IOException {
        // A database that knows only 8.8.8.0/24: every other public endpoint is unattributed.
        Path db = tmp.resolve("tiny.mmdb");
        MmdbWriter w = MmdbWriter.builder("GeoLite2-ASN").build();
        w.insertIpv4Range(0x08080800L, 0x080808ffL, Map.of("autonomous_system_number", MmdbValue.u32(15169),
                "autonomous_system_organization", "Google LLC"));
        w.write(db);
        Path p = policy("rules:\n" + rule("t-asn", "{asn: [4134]}"));
        List<JsonNode> flows = flows(CLEAN_DEMO, p, "--geodb", db.toString());
        assertEquals("unverified", flowTo(flows, "9.9.9.9").get("verdict").asText());
        Run normal = run("analyze", CLEAN_DEMO.toString(), "--policy", p.toString(), "--geodb", db.toString());
        assertEquals(0, normal.exit(), normal.err());
        assertTrue(normal.out().startsWith("Verdict: UNVERIFIED"), normal.out());
        Run failing = run("analyze", CLEAN_DEMO.toString(), "--policy", p.toString(), "--geodb", db.toString(),
                "--fail-on", "unverified");
        assertEquals(1, failing.exit());
    }

    // ---- broken policies (acceptance 3) ----

    @Test
    void brokenPolicyStopsTheRunWithLineAndColumn() throws IOException {
        Path p = policy("rules:\n  - id: a\n    reason: r\n    action: deny\n    match: {asm: [4134]}\n");
        Run r = run("analyze", DIRTY_DEMO.toString(), "--policy", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(p + ":6:13: unknown match key 'asm'"), r.err());
        Run check = run("policy", "check", p.toString());
        assertEquals(2, check.exit());
        assertTrue(check.err().contains(":6:13:"), check.err());
    }

    /**
     * The policy and the databases are read while the packet loop runs (Background); a capture of
     * more flows than one hand-over batch makes their failure reach the loop through the judges.
     */
    @Test
    void setUpFailuresStopTheRunWithTheirOwnErrorsAndNoOutput() throws IOException {
        Path capture = tmp.resolve("many-flows.pcap");
        writeSyns(capture, 3000);
        Path good = policy("rules:\n" + rule("t-asn", "{asn: [4134]}"));
        Path broken = policy("rules:\n  - id: a\n    reason: r\n    action: deny\n    match: {asm: [4134]}\n");
        Path missingDb = tmp.resolve("missing.mmdb");

        for (String format : List.of("jsonl", "text")) {
            Path out = tmp.resolve("out-" + format);
            Run r = run("analyze", capture.toString(), "--policy", broken.toString(), "--format", format, "-o", out.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(broken + ":6:13: unknown match key 'asm'"), r.err());
            assertTrue(r.err().contains("refusing to analyze with a broken policy"), r.err());
            assertTrue(Files.notExists(out), "no output from a run with a broken policy");

            r = run("analyze", capture.toString(), "--policy", good.toString(), "--geodb", missingDb.toString(),
                    "--format", format, "-o", out.toString());
            assertEquals(2, r.exit(), r.err());
            assertEquals("cleanpath: " + missingDb + ": no such database file", r.err().strip());
            assertTrue(Files.notExists(out), "no output from a run without its databases");
        }
        // Both broken: told as if the run had stopped at the first, the policy.
        Run both = run("analyze", capture.toString(), "--policy", broken.toString(), "--geodb", missingDb.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains(":6:13: unknown match key 'asm'") && !both.err().contains("no such database"), both.err());
        assertEquals("", both.out());

        // The same capture with a good set-up is judged whole.
        assertEquals(3000, flows(capture, good).size());
        Run flows = run("flows", capture.toString(), "--geodb", missingDb.toString(), "--format", "jsonl");
        assertEquals(2, flows.exit());
        assertEquals("", flows.out());
        assertTrue(flows.err().contains(missingDb + ": no such database file"), flows.err());
    }

    /** One TCP SYN per flow from distinct ports of 198.18.0.1 to 203.0.113.10:443. */
    private static void writeSyns(Path file, int flows) throws IOException {
        byte[] f = new byte[54];
        f[0] = 0x02; f[5] = 0x01; f[6] = 0x02; f[11] = 0x02; f[12] = 0x08;
        f[14] = 0x45; f[17] = 40; f[22] = 64; f[23] = 6;
        f[26] = (byte) 198; f[27] = 18; f[28] = 0; f[29] = 1;
        f[30] = (byte) 203; f[31] = 0; f[32] = 113; f[33] = 10;
        f[36] = 0x01; f[37] = (byte) 0xBB; f[46] = 0x50; f[47] = 0x02; f[48] = (byte) 0xFF; f[49] = (byte) 0xFF;
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < flows; i++) {
                int port = 1024 + i;
                f[34] = (byte) (port >>> 8); f[35] = (byte) port;
                w.write(1_700_000_000_000_000_000L + i * 1000L, f);
            }
        }
    }

    // ---- corpus: names and neighbours as tshark shows them ----

    @Test
    void lldpAndCdpNeighboursAreTheOnesTsharkShows() throws Exception {
        Path capture = Corpus.require().resolve("tcpdump/LLDP_and_CDP.pcap");
        assumeTrue(Corpus.hasProgram("tshark"));
        Run r = run("analyze", capture.toString(), "--format", "json");
        Set<String> ours = new TreeSet<>();
        JSON.readTree(r.out()).get("devices").forEach(d -> ours.add(d.get("system_name").asText()));
        Set<String> theirs = new TreeSet<>();
        for (String line : tshark(capture, "-T", "fields", "-e", "lldp.tlv.system.name", "-e", "cdp.deviceid")) {
            for (String field : line.split("\t")) {
                if (!field.isBlank()) {
                    theirs.add(field.trim());
                }
            }
        }
        assertEquals(theirs, ours);
    }

    @Test
    void sniNamesOfACorpusFileAreTheOnesTsharkShows() throws Exception {
        Path capture = Corpus.require().resolve("pcapplusplus/tls2.pcap");
        assumeTrue(Corpus.hasProgram("tshark"));
        Path out = tmp.resolve("tls2.jsonl");
        run("analyze", capture.toString(), "--format", "jsonl", "-o", out.toString(), "-q");
        Set<String> ours = new TreeSet<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = JSON.readTree(line).get("names");
            if (n != null && JSON.readTree(line).get("proto").asText().equals("tcp")) {
                ours.add(n.get(0).asText());
            }
        }
        Set<String> theirs = new TreeSet<>(tshark(capture, "-Y", "tls.handshake.type == 1", "-T", "fields",
                "-e", "tls.handshake.extensions_server_name"));
        theirs.remove("");
        assertTrue(ours.containsAll(theirs), "missing: " + minus(theirs, ours));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static List<String> tshark(Path capture, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().map(String::trim).toList();
    }
}
