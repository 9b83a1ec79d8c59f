package org.cleanpath.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wireshark reads the generated captures without complaint and finds what each scenario promises. */
class TsharkCrossCheckTest {
    /** Expert warnings that a scenario produces on purpose (vlan-gtp-ipv6 has a refused connection). */
    private static final Set<String> EXPECTED_WARNINGS = Set.of("Connection reset (RST)");

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeSamples() throws IOException {
        assumeTrue(tsharkAvailable(), "tshark is not installed");
        Samples.writeAll(dir);
    }

    @ParameterizedTest
    @MethodSource("org.cleanpath.generate.SamplesTest#samples")
    void everyFrame_isWellFormedWithCorrectChecksums(Samples.Sample sample) throws Exception {
        Path file = dir.resolve(sample.fileName());
        List<String> bad = tshark(file, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-Y", "_ws.malformed or ip.checksum.status == 0"
                        + " or tcp.checksum.status == 0 or udp.checksum.status == 0"
                        + " or icmp.checksum.status == 0 or icmpv6.checksum.status == 0");
        assertEquals(List.of(), bad);

        List<String> expert = tshark(file, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-q", "-z", "expert,warn");
        for (String line : expert) {
            String[] columns = line.trim().split("\\s{2,}");
            if (columns.length == 4 && columns[0].matches("\\d+")) {
                assertTrue(EXPECTED_WARNINGS.contains(columns[3]), "unexpected expert warning: " + line);
            }
            assertTrue(!line.startsWith("Errors"), "expert errors: " + expert);
        }
    }

    @Test
    void dirty_showsCoveredDomainAsSniAndInTheCnameChain() throws Exception {
        Path file = dir.resolve("5g-ingress-dirty.pcap");
        assertEquals(Set.of("", "www.google.com", "www.huawei.com", "github.com", "www.wikipedia.org",
                "www.cloudflare.com", "www.python.org"), sni(file));
        assertTrue(fields(file, "dns.flags.response == 1", "dns.qry.name", "dns.cname", "dns.a", "dns.resp.ttl")
                .contains("www.huawei.com\twww.huawei.com.edgekey.net,e12001.dscb.akamaiedge.net\t23.215.0.136\t600,60,20"));
        assertEquals(Set.of("deb.debian.org", "211.136.17.107"), distinct(fields(file, "http.request", "http.host")));
    }

    @Test
    void dirty_hasHuaweiRouterLldpAndRoamingTunnelIntoChinaMobile() throws Exception {
        Path file = dir.resolve("5g-ingress-dirty.pcap");
        List<String> lldp = fields(file, "lldp", "lldp.chassis.id.mac", "lldp.tlv.system.name", "lldp.tlv.system.desc");
        assertEquals(2, lldp.size());
        assertTrue(lldp.get(0).startsWith("00:e0:fc:5a:31:07\tn6-edge-r1\tHuawei Versatile Routing Platform"), lldp.get(0));
        assertEquals(Set.of("1", "5", "6", "9"), distinct(fields(file, "gtp", "gtp.ext_hdr.pdu_ses_con.qos_flow_id")));
        assertTrue(distinct(fields(file, "gtp", "ip.dst")).stream().anyMatch(d -> d.startsWith("183.232.231.172,")));
        Set<String> remotes = distinct(fields(file, "ip", "ip.dst"));
        for (String covered : List.of("202.97.33.6", "219.158.3.10", "211.136.17.107", "118.31.180.41")) {
            assertTrue(remotes.stream().anyMatch(d -> d.contains(covered)), covered + " not in " + remotes);
        }
        assertTrue(distinct(fields(file, "ipv6", "ipv6.dst")).stream().anyMatch(d -> d.contains("2400:3200::1")));
    }

    @Test
    void clean_hasJuniperRouterAndNoCoveredName() throws Exception {
        Path file = dir.resolve("5g-ingress-clean.pcap");
        List<String> lldp = fields(file, "lldp", "lldp.chassis.id.mac", "lldp.tlv.system.name");
        assertEquals(List.of("2c:6b:f5:4e:10:07\tn6-edge-r1", "2c:6b:f5:4e:10:07\tn6-edge-r1"), lldp);
        assertEquals(Set.of("", "www.google.com", "www.ericsson.com", "github.com", "www.wikipedia.org",
                "www.cloudflare.com", "www.python.org"), sni(file));
        assertTrue(distinct(fields(file, "gtp", "ip.dst")).stream().anyMatch(d -> d.startsWith("80.156.86.1,")));
    }

    @Test
    void vlanGtpIpv6_hasDot1qQinQTunnelsAndIpv6() throws Exception {
        Path file = dir.resolve("vlan-gtp-ipv6.pcap");
        assertEquals(Set.of("100", "30", "120", "121"), distinct(fields(file, "vlan", "vlan.id")));
        assertEquals(List.of("200\t30"), List.copyOf(distinct(fields(file, "ieee8021ad", "ieee8021ad.id", "vlan.id"))));
        assertEquals(Set.of("1", "5", "8", "9"), distinct(fields(file, "gtp", "gtp.ext_hdr.pdu_ses_con.qos_flow_id")));
        assertTrue(distinct(fields(file, "gtp", "ipv6.src")).contains("2001:db8:45:1::10"));
        assertTrue(sni(file).containsAll(Set.of("www.wikipedia.org", "www.youtube.com", "www.python.org")));
        assertEquals(Set.of("128", "129"), distinct(fields(file, "icmpv6", "icmpv6.type")));
        assertEquals(Set.of("0", "8"), distinct(fields(file, "icmp", "icmp.type")));
        List<String> nanos = fields(dir.resolve("vlan-gtp-ipv6.pcapng"), "frame", "frame.time_epoch");
        assertEquals(fields(file, "frame", "frame.time_epoch"),
                nanos.stream().map(t -> t.substring(0, t.length() - 3) + "000").toList(),
                "pcapng holds the same frames as pcap");
        assertTrue(nanos.stream().anyMatch(t -> !t.endsWith("000")), "pcapng keeps nanoseconds");
    }

    private static Set<String> sni(Path file) throws Exception {
        return distinct(fields(file, "tls.handshake.type == 1", "tls.handshake.extensions_server_name"));
    }

    private static Set<String> distinct(List<String> lines) {
        return new TreeSet<>(lines);
    }

    private static List<String> fields(Path file, String filter, String... names) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Y", filter, "-T", "fields"));
        for (String name : names) {
            args.add("-e");
            args.add(name);
        }
        return tshark(file, args.toArray(String[]::new));
    }

    private static List<String> tshark(Path file, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        assertEquals(0, process.exitValue(), "tshark failed: " + command);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static boolean tsharkAvailable() {
        try {
            Process process = new ProcessBuilder("tshark", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
