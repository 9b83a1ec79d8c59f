package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cleanpath.capture.LinkType;
import org.cleanpath.capture.PcapWriter;
import org.cleanpath.flow.FlowSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SYN flood of 5 million distinct flows (spoofed sources, one packet each) through the flows
 * command in its own JVM with a 256 MiB heap: it must finish, evict rather than grow, say so in the
 * summary, and still report every flow. Slow (a 350 MB capture, 1.5 GB of JSON lines, two runs),
 * so it runs only with {@code -Dcleanpath.flood=true}; {@code cleanpath.flood.flows} changes the size.
 */
class FlowFloodTest {
    private static final int FLOWS = Integer.getInteger("cleanpath.flood.flows", 5_000_000);
    /** Sources per address: spread over 198.18.0.0/15 (benchmarking range), ports 1024 and up. */
    private static final int PORTS_PER_SOURCE = 40;
    private static final long SOURCE_BASE = 0xC612_0000L; // 198.18.0.0

    @TempDir
    Path dir;

    @Test
    void fiveMillionDistinctFlowsInA256MiBHeap_areEvictedAndAllReported() throws Exception {
        assumeTrue(Boolean.getBoolean("cleanpath.flood"), "flood test runs with -Dcleanpath.flood=true");
        Path capture = dir.resolve("flood.pcap");
        long t0 = System.nanoTime();
        writeFlood(capture, FLOWS);
        System.out.printf("flood: wrote %,d SYNs (%,d bytes) in %.1f s%n", FLOWS, Files.size(capture),
                (System.nanoTime() - t0) / 1e9);
        run(capture, FLOWS, "-Xmx256m", FlowSettings.DEFAULT_MAX_FLOWS);
        run(capture, FLOWS, "-Xmx256m", 100_000);
        analyzeGivesAVerdict(capture, FLOWS);
    }

    /** analyze on the flood: completes in 256 MiB, judges every flow (evicted ones when evicted), gives a verdict. */
    private void analyzeGivesAVerdict(Path capture, int flows) throws Exception {
        Path report = dir.resolve("report.json");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, "org.cleanpath.cli.Main", "analyze", capture.toString(), "--format", "json",
                "-o", report.toString(), "--max-flows", "100000", "--no-progress")
                .redirectErrorStream(true).redirectOutput(dir.resolve("analyze-stderr.txt").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "analyze of the flood under 10 minutes");
        String stderr = Files.readString(dir.resolve("analyze-stderr.txt"));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, () -> "analyze gives a verdict; output:\n" + stderr);
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        System.out.printf("flood: analyze %.1f s, verdict %s, %s flows, %s evicted%n", (System.nanoTime() - start) / 1e9,
                r.path("verdict").asText(), r.path("flows").path("total"), r.path("flows").path("evicted"));
        assertTrue(List.of("clean", "dirty", "unverified").contains(r.path("verdict").asText()), r.toString());
        assertEquals(flows, r.path("flows").path("total").asLong(), "every flow judged, evicted ones included");
        assertTrue(r.path("flows").path("evicted").asLong() >= flows - 100_000, r.path("flows").toString());
    }

    /** The same in small, in every build: the default table cap must not outgrow a small heap. */
    @Test
    void aFloodInA64MiBHeap_evictsInsteadOfRunningOutOfMemory() throws Exception {
        Path capture = dir.resolve("small-flood.pcap");
        writeFlood(capture, 400_000);
        run(capture, 400_000, "-Xmx64m", FlowSettings.DEFAULT_MAX_FLOWS);
    }

    private void run(Path capture, int flows, String heap, int maxFlows) throws Exception {
        Path out = dir.resolve("flows-" + maxFlows + ".jsonl");
        Path summaryFile = dir.resolve("summary-" + maxFlows + ".json");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", classpath, "org.cleanpath.cli.Main", "flows", capture.toString(),
                "--format", "jsonl", "-o", out.toString(), "--summary-json", summaryFile.toString(),
                "--max-flows", Integer.toString(maxFlows), "--no-progress", "-q"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stderr-" + maxFlows + ".txt").toFile()).start();
        long peakKb = 0;
        long peakAnonKb = 0;
        while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, statusKb(p.pid(), "VmHWM:"));
            peakAnonKb = Math.max(peakAnonKb, statusKb(p.pid(), "RssAnon:"));
            assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10), "flood run under 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String stderr = Files.readString(dir.resolve("stderr-" + maxFlows + ".txt"));
        assertEquals(0, p.exitValue(), () -> "flows exit status; output:\n" + stderr);

        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        long evicted = summary.path("flows").path("evicted").asLong();
        long reported = summary.path("flows").path("reported").asLong();
        // VmHWM counts the mapped capture's pages too; RssAnon is the process's own memory (heap and more).
        System.out.printf("flood: %s, --max-flows %,d: %.1f s, peak RSS %,d MiB (anonymous %,d MiB), %,d reported, %,d evicted,"
                + " packets %s%n", heap, maxFlows, seconds, peakKb / 1024, peakAnonKb / 1024, reported, evicted,
                summary.path("packets").path("read"));
        assertEquals(flows, summary.path("packets").path("decoded").asLong(), "every SYN decoded");
        assertEquals(flows, reported, "summary: every flow reported");
        int capInForce = summary.path("flows").path("max_flows").asInt();
        assertTrue(capInForce > 0 && capInForce <= maxFlows, "summary gives the cap in force: " + capInForce);
        if (heap.equals("-Xmx64m")) {
            assertTrue(capInForce < maxFlows, "a 64 MiB heap cannot hold " + maxFlows + " flows: " + capInForce);
        }
        assertTrue(evicted >= flows - capInForce && evicted > 0, "summary reports the evictions: " + evicted);
        assertEquals(flows, distinctFlowsIn(out, flows), "the output holds every flow once");
        assertTrue(peakAnonKb < 512 * 1024, "anonymous RSS under 512 MiB: " + peakAnonKb + " kB");
        Files.delete(out);
    }

    /** One SYN per flow, 1 µs apart, from source i to 203.0.113.10:443 (documentation range). */
    private static void writeFlood(Path file, int flows) throws IOException {
        byte[] f = new byte[54];
        // Ethernet: dst, src, IPv4
        f[0] = 0x02; f[5] = 0x01; f[6] = 0x02; f[11] = 0x02; f[12] = 0x08;
        // IPv4: version/IHL, total length 40, TTL 64, TCP, destination 203.0.113.10
        f[14] = 0x45; f[17] = 40; f[22] = 64; f[23] = 6;
        f[30] = (byte) 203; f[31] = 0; f[32] = 113; f[33] = 10;
        // TCP: destination port 443, data offset 5, SYN, window
        f[36] = 0x01; f[37] = (byte) 0xBB; f[46] = 0x50; f[47] = 0x02; f[48] = (byte) 0xFF; f[49] = (byte) 0xFF;
        long ts = 1_700_000_000_000_000_000L;
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < flows; i++) {
                long src = SOURCE_BASE + i / PORTS_PER_SOURCE;
                int port = 1024 + i % PORTS_PER_SOURCE;
                f[26] = (byte) (src >>> 24); f[27] = (byte) (src >>> 16); f[28] = (byte) (src >>> 8); f[29] = (byte) src;
                f[34] = (byte) (port >>> 8); f[35] = (byte) port;
                f[38] = (byte) (i >>> 24); f[39] = (byte) (i >>> 16); f[40] = (byte) (i >>> 8); f[41] = (byte) i;
                w.write(ts + i * 1000L, f);
            }
        }
    }

    /** Flows in the JSON lines, each mapped back to its source index; fails on a duplicate or a stranger. */
    private static int distinctFlowsIn(Path jsonl, int flows) throws IOException {
        BitSet seen = new BitSet(flows);
        int lines = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines++;
                String host = field(line, "\"id.orig_h\":\"", '"');
                int port = Integer.parseInt(field(line, "\"id.orig_p\":", ','));
                String[] o = host.split("\\.");
                long src = Long.parseLong(o[0]) << 24 | Long.parseLong(o[1]) << 16 | Long.parseLong(o[2]) << 8 | Long.parseLong(o[3]);
                int i = (int) (src - SOURCE_BASE) * PORTS_PER_SOURCE + port - 1024;
                assertTrue(i >= 0 && i < flows && !seen.get(i), () -> "unexpected or repeated flow: " + host + ":" + port);
                seen.set(i);
            }
        }
        assertEquals(lines, seen.cardinality());
        return lines;
    }

    private static String field(String line, String key, char end) {
        int at = line.indexOf(key);
        assertTrue(at >= 0, () -> "no " + key + " in " + line);
        int from = at + key.length();
        return line.substring(from, line.indexOf(end, from));
    }

    /** A kB field of /proc/PID/status, 0 when the process is gone. */
    private static long statusKb(long pid, String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between polls
        }
        return 0;
    }
}
