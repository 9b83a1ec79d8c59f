package org.cleanpath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cleanpath.Corpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cleanpath monitor} as a real process: replaying a capture, reloading its policy without a
 * restart, stopping cleanly on SIGTERM, and capturing live on a veth pair in a network namespace
 * that the test creates (root only) while tcpreplay sends the dirty demo capture.
 */
class MonitorProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern LISTENING = Pattern.compile("status on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tmp;

    private Process monitor;
    private final List<String> stderr = new ArrayList<>();
    private final List<String[]> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (monitor != null && monitor.isAlive()) {
            monitor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String[] cmd : cleanup) {
            run(cmd);
        }
    }

    int start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.cleanpath.cli.Main", "monitor",
                "--listen", "127.0.0.1:0"));
        cmd.addAll(List.of(args));
        monitor = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(monitor.getErrorStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    synchronized (stderr) {
                        stderr.add(line);
                        stderr.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (stderr) {
            while (System.nanoTime() < deadline) {
                for (String line : stderr) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                assertTrue(monitor.isAlive(), "monitor exited: " + stderr);
                stderr.wait(200);
            }
        }
        throw new AssertionError("monitor did not start: " + stderr);
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode awaitStatus(int port, Predicate<JsonNode> condition, String what) throws Exception {
        JsonNode last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(get(port, "/status").body());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "; last status " + last);
    }

    @Test
    void replayTurnsDirtyAndAPolicyReloadChangesTheVerdictWithoutRestart() throws Exception {
        Path policy = tmp.resolve("policy.yaml");
        Files.copy(Path.of("geodb/trust/clean-network.yaml"), policy);
        int port = start("--replay", "captures/5g-ingress-dirty.pcap", "--speed", "max", "--policy", policy.toString());
        JsonNode s = awaitStatus(port, j -> j.get("counts").get("flows").asLong() == 27, "all 27 flows judged");
        assertEquals("dirty", s.get("verdict").get("window").asText());
        assertTrue(s.get("violations").toString().contains("covered-asn-china-telecom"), s.toString());
        assertEquals(213, s.get("counts").get("packets").get("read").asLong());

        Files.writeString(policy, "rules:\n  - id: x\n    match: {asm: 1}\n"); // broken
        s = awaitStatus(port, j -> !j.get("versions").path("last_reload_error").isNull()
                && !j.get("versions").path("last_reload_error").isMissingNode(), "the reload error");
        assertEquals("dirty", s.get("verdict").get("window").asText(), "the old policy stays in force");

        Files.writeString(policy, "name: allow-all\nmissing_attribution: allow\nrules: []\n");
        s = awaitStatus(port, j -> j.get("verdict").get("window").asText().equals("clean"), "the new verdict");
        assertTrue(s.get("versions").get("policy").asText().startsWith("allow-all@"), s.toString());

        String metrics = get(port, "/metrics").body();
        // A poll may see a file twice while it is being written: count at least one of each.
        assertTrue(Pattern.compile("cleanpath_policy_reloads_total\\{result=\"success\"} [1-9]").matcher(metrics).find(), metrics);
        // A poll may catch the broken file half-written too: at least one failed reload.
        assertTrue(Pattern.compile("cleanpath_policy_reloads_total\\{result=\"failure\"} [1-9]").matcher(metrics).find(), metrics);
        assertTrue(metrics.contains("cleanpath_packets_total 213.0"), metrics);

        monitor.destroy(); // SIGTERM
        assertTrue(monitor.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, monitor.exitValue(), String.join("\n", stderr));
        synchronized (stderr) {
            assertTrue(stderr.stream().anyMatch(l -> l.startsWith("packets: 213 read")), stderr.toString());
        }
    }

    @Test
    void liveCaptureOnAVethPairSeesTheDirtyTrafficTcpreplaySends() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(Corpus.hasProgram("ip") && Corpus.hasProgram("tcpreplay"), "needs iproute2 and tcpreplay");
        String id = UUID.randomUUID().toString().substring(0, 6);
        String ns = "cpmon" + id, capture = "cpm" + id + "a", send = "cpm" + id + "b";
        cleanup.add(new String[] {"ip", "netns", "del", ns});
        cleanup.add(new String[] {"ip", "link", "del", capture});
        assertEquals(0, run("ip", "netns", "add", ns));
        assertEquals(0, run("ip", "link", "add", capture, "type", "veth", "peer", "name", send));
        assertEquals(0, run("ip", "link", "set", send, "netns", ns));
        assertEquals(0, run("ip", "link", "set", capture, "up"));
        assertEquals(0, run("ip", "netns", "exec", ns, "ip", "link", "set", send, "up"));

        int port = start("-i", capture, "--immediate", "--udp-timeout", "1s", "--icmp-timeout", "1s",
                "--tcp-timeout", "3s");
        assertEquals(200, get(port, "/healthz").statusCode());
        assertEquals(0, run("ip", "netns", "exec", ns, "tcpreplay", "-q", "-i", send, "--pps", "1000",
                Path.of("captures/5g-ingress-dirty.pcap").toAbsolutePath().toString()));
        JsonNode s = awaitStatus(port, j -> j.get("verdict").get("window").asText().equals("dirty")
                && j.get("counts").get("flows").asLong() >= 20, "a dirty verdict from live traffic");
        assertTrue(s.get("violations").toString().contains("AS4134") || s.get("violations").toString().contains("4134"),
                s.get("violations").toString());
        assertEquals(503, get(port, "/check").statusCode());
        JsonNode cap = s.get("capture");
        // Every frame sent is either analysed or counted as dropped by pcap_stats (a busy CI machine drops some).
        long read = s.get("counts").get("packets").get("read").asLong();
        long dropped = cap.get("dropped_by_kernel").asLong();
        assertTrue(dropped >= 0 && cap.get("dropped_by_interface").asLong() >= 0, "pcap_stats drops are reported: " + cap);
        assertTrue(read + dropped >= 213 && read >= 150, "read " + read + " + dropped " + dropped + ": " + cap);
        String metrics = get(port, "/metrics").body();
        Matcher m = Pattern.compile("cleanpath_packets_total (\\d+)").matcher(metrics);
        assertTrue(m.find() && Long.parseLong(m.group(1)) >= read, metrics);
        assertTrue(metrics.contains("cleanpath_capture_dropped_kernel_total"), metrics);
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
