package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.cleanpath.Corpus;

/**
 * Test-only access to corpus captures through tshark, while the project's own reader and decoders
 * are being written: the transport facts and payload of each TCP/UDP packet, and any tshark field.
 * Tests using it skip when the corpus or tshark is absent.
 */
final class TsharkPackets {
    private TsharkPackets() {}

    /** One TCP or UDP packet as tshark decodes it (innermost layers of tunnelled frames). */
    record Pkt(int frame, long timeNanos, String src, String dst, int protocol, int srcPort, int dstPort, long seq, int flags,
            byte[] payload) {}

    /** The capture file, skipping the test when the corpus, the file or tshark is missing. */
    static Path require(String file) {
        Path p = Corpus.require().resolve(file);
        assumeTrue(Files.isRegularFile(p), "corpus file missing: " + file);
        assumeTrue(Corpus.hasProgram("tshark"), "tshark not installed");
        return p;
    }

    /** A capture's TCP/UDP packets and the names tshark decodes from them, from one tshark run. */
    record Export(List<Pkt> packets, Set<String> tlsSni, Set<String> quicSni, Set<String> httpHosts, Set<String> dnsQueries) {}

    static Export export(String file) {
        List<Pkt> out = new ArrayList<>();
        Set<String> tlsSni = new TreeSet<>();
        Set<String> quicSni = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        Set<String> queries = new TreeSet<>();
        // All occurrences: tunnelled frames repeat the transport fields, the innermost comes last.
        for (String[] f : fields(file, "tcp || udp", "frame.number", "frame.time_epoch", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst",
                "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "tcp.seq_raw", "tcp.flags", "tcp.payload", "udp.payload",
                "tls.handshake.extensions_server_name", "http.request.method", "http.host", "dns.qry.name")) {
            for (int i = 0; i < 14; i++) {
                f[i] = last(f[i]);
            }
            boolean tcp = !f[6].isEmpty();
            String[] t = f[1].split("\\.");
            long nanos = Long.parseLong(t[0]) * 1_000_000_000L + Long.parseLong((t[1] + "000000000").substring(0, 9));
            String payload = tcp ? f[12] : f[13];
            out.add(new Pkt(Integer.parseInt(f[0]), nanos, f[2].isEmpty() ? f[3] : f[2], f[4].isEmpty() ? f[5] : f[4],
                    tcp ? FlowNames.TCP : FlowNames.UDP, Integer.parseInt(tcp ? f[6] : f[8]), Integer.parseInt(tcp ? f[7] : f[9]),
                    f[10].isEmpty() ? 0 : Long.parseLong(f[10]), f[11].isEmpty() ? 0 : Integer.decode(f[11]), hex(payload)));
            addAll(tcp ? tlsSni : quicSni, f[14]);
            addAll(queries, f[17].replace("<root>", "."));
            if (tcp && !f[15].isEmpty()) {
                for (String h : f[16].split(",")) {
                    if (!h.isEmpty()) {
                        h = h.toLowerCase();
                        hosts.add(h.startsWith("[") ? h.substring(1, h.indexOf(']')) : h.replaceAll(":\\d+$", ""));
                    }
                }
            }
        }
        return new Export(out, tlsSni, quicSni, hosts, queries);
    }

    private static String last(String values) {
        return values.substring(values.lastIndexOf(',') + 1);
    }

    private static void addAll(Set<String> to, String values) {
        for (String v : values.split(",")) {
            if (!v.isEmpty()) {
                to.add(v.toLowerCase());
            }
        }
    }

    /** Rows of tab-separated field values (all occurrences, comma-separated) for the frames matching {@code filter}. */
    static List<String[]> fields(String file, String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", require(file).toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a"));
        for (String field : fields) {
            cmd.add("-e");
            cmd.add(field);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : run(cmd).split("\n")) {
            if (!line.isEmpty()) {
                String[] r = line.split("\t", -1);
                rows.add(r.length >= fields.length ? r : java.util.Arrays.copyOf(r, fields.length));
            }
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (r[i] == null) {
                    r[i] = "";
                }
            }
        }
        return rows;
    }

    /** tshark's JSON for the frames matching {@code filter}, with the named layers only. */
    static String json(String file, String filter, String layers) {
        return run(List.of("tshark", "-n", "-r", require(file).toString(), "-Y", filter, "-T", "json", "-J", layers));
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(":", "").replace(",", ""));
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "tshark failed: " + cmd);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
