package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cleanpath.Corpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status endpoint under load and abuse while {@code monitor --replay} runs at full speed: wrk on
 * /status and /metrics for 30 s with no non-2xx answer and no socket error (p99 latency recorded in
 * target/endpoint-load.txt), then malformed requests get a 4xx or a closed connection, slow and idle
 * clients are cut off, 10,000 concurrent connections do not take it down, and it keeps serving.
 */
class EndpointLoadTest {
    static final Pattern LISTENING = Pattern.compile("status on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tmp;

    private Process monitor;

    @AfterEach
    void stop() throws InterruptedException {
        if (monitor != null) {
            monitor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void endpointHoldsUnderLoadAndAbuse() throws Exception {
        assumeTrue(Corpus.hasProgram("wrk"), "wrk not installed");
        Path gen = Corpus.dir().resolve("../bench/gen_pcap.py").normalize();
        assumeTrue(Files.exists(gen) && Corpus.hasProgram("python3"), "benchmark generator not present");
        Path capture = tmp.resolve("load.pcap");
        Process g = new ProcessBuilder("python3", gen.toString(), "-n", "300000", "-f", "20000", "-o", capture.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(g.waitFor(180, TimeUnit.SECONDS) && g.exitValue() == 0, "generator failed");

        Path err = tmp.resolve("monitor.err");
        monitor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.cleanpath.cli.Main", "monitor",
                "--replay", capture.toString(), "--speed", "10", "--listen", "127.0.0.1:0",
                "--idle-timeout", "3s", "--max-connections", "20000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        int port = awaitPort(err);
        String base = "http://127.0.0.1:" + port;

        WrkResult status = wrkPair(base + "/status", base + "/metrics");
        assertTrue(monitor.isAlive(), "monitor died under load");

        // Abuse: each gets a 4xx or a closed connection.
        assertClientError(port, "GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");
        assertClientError(port, "DELETE /status HTTP/1.1\r\nHost: x\r\n\r\n");
        assertClientError(port, "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
        assertClientError(port, "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
        assertClientError(port, "GET /st\u00ff\u00fe\u0080tus HTTP/1.1\r\nHost: x\r\n\r\n");
        assertClientError(port, "GARBAGE\r\n\r\n");
        assertSlowClientIsCutOff(port);
        int held = manyConnections(port, 10_000);
        assertTrue(held > 0);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "still serving after the abuse");

        Files.writeString(Path.of("target", "endpoint-load.txt"), status.report());
    }

    record WrkResult(String statusOut, String metricsOut) {
        String report() {
            return "# wrk -t1 -c32 -d30s --latency on /status and on /metrics, concurrently, while monitor --replay runs\n"
                    + "## /status\n" + statusOut + "\n## /metrics\n" + metricsOut + "\n";
        }
    }

    private WrkResult wrkPair(String statusUrl, String metricsUrl) throws Exception {
        Process a = new ProcessBuilder("wrk", "-t1", "-c32", "-d30s", "--latency", statusUrl).redirectErrorStream(true).start();
        Process b = new ProcessBuilder("wrk", "-t1", "-c32", "-d30s", "--latency", metricsUrl).redirectErrorStream(true).start();
        String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(a.waitFor(90, TimeUnit.SECONDS) && b.waitFor(90, TimeUnit.SECONDS));
        for (String out : List.of(outA, outB)) {
            assertFalse(out.contains("Non-2xx or 3xx responses"), out);
            assertFalse(out.contains("Socket errors"), out);
            Matcher m = Pattern.compile("(\\d+) requests in").matcher(out);
            assertTrue(m.find() && Long.parseLong(m.group(1)) > 1000, out);
            assertTrue(Pattern.compile("\\s99%\\s+\\S+").matcher(out).find(), "p99 latency reported: " + out);
        }
        return new WrkResult(outA, outB);
    }

    /** The server answers with a 4xx status or closes the connection; never a 2xx or 5xx. */
    private static void assertClientError(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileSending) {
                return; // the server cut the connection: acceptable
            }
            String status = readStatusLine(s.getInputStream());
            if (status == null) {
                return; // closed without an answer
            }
            assertTrue(status.matches("HTTP/1\\.[01] 4\\d\\d.*"), "expected a 4xx for " + abbreviate(request) + ", got " + status);
        }
    }

    private static void assertSlowClientIsCutOff(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never finished
            out.flush();
            long start = System.nanoTime();
            try {
                int r = s.getInputStream().read();
                assertTrue(r == -1 || r == 'H', "slow client: connection closed (or answered with an error)");
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a client that never finishes its headers is not cut off");
            } catch (IOException reset) {
                // closed by the server: fine
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(14));
        }
    }

    /** Opens up to {@code n} connections at once (bounded by the open-file limit); returns how many opened. */
    private static int manyConnections(int port, int n) {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    sockets.add(s);
                } catch (IOException e) {
                    break; // file descriptors or backlog exhausted: the point is the server survives
                }
            }
            return sockets.size();
        } finally {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private static String readStatusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    return sb.toString().trim();
                }
                sb.append((char) c);
            }
        } catch (IOException reset) {
            return null;
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private int awaitPort(Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.exists(err) ? Files.readString(err) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(monitor.isAlive(), "monitor exited: " + Files.readString(err));
            Thread.sleep(200);
        }
        throw new AssertionError("monitor did not start");
    }
}
