package org.cleanpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.cleanpath.policy.Verdict.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<StatusSnapshot> published = new AtomicReference<>(Snapshots.dirty());
    private final Metrics metrics = new Metrics();
    /** One second after the test snapshots were made: they are fresh. */
    private static final Clock CLOCK = Clock.fixed(Snapshots.NOW.plusSeconds(1), ZoneOffset.UTC);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatusServer server;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        server = StatusServer.start(ServerConfig.builder().port(0).build(), published::get, metrics, CLOCK);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void defaultConfig_bindsLoopback9750() {
        ServerConfig c = ServerConfig.builder().build();
        assertEquals("127.0.0.1", c.host());
        assertEquals(9750, c.port());
        assertEquals(Duration.ofSeconds(30), c.idleTimeout());
    }

    @Test
    void healthz_answersOk() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
    }

    @Test
    void status_rendersTheSnapshotAsJson() throws Exception {
        HttpResponse<String> r = get("/status");
        assertEquals(200, r.statusCode());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        JsonNode s = JSON.readTree(r.body());
        assertEquals("dirty", s.path("verdict").path("window").asText());
        assertEquals(60, s.path("window_s").asInt());
        assertTrue(r.body().contains("\"generated_at\":1795748400.123456,"), "epoch seconds, plain: " + r.body());
        assertEquals(120_000, s.path("counts").path("packets").path("read").asLong());
        assertEquals(45, s.path("counts").path("flows_by_verdict").path("dirty").asLong());
        assertEquals(3_509_000, s.path("counts").path("bytes_by_verdict").path("dirty").asLong());
        JsonNode v = s.path("violations").get(0);
        assertEquals("no-untrusted-transit", v.path("rule").asText());
        assertEquals(4134, v.path("asn").asLong());
        assertEquals("CAbc123", v.path("example_uids").get(0).asText());
        assertEquals("eth0", s.path("capture").path("interface").asText());
        assertEquals(12, s.path("capture").path("dropped_by_kernel").asLong());
        assertEquals(3, s.path("capture").path("dropped_by_interface").asLong());
        assertEquals("trust-2026.11.20", s.path("versions").path("policy").asText());
        assertEquals("2026-11-25", s.path("versions").path("databases").path("asn").asText());
        assertTrue(s.path("versions").path("last_reload_error").isNull());
        assertEquals("AS3320", s.path("by_as").get(0).path("key").asText());
        assertEquals("DE", s.path("by_country").get(0).path("key").asText());
        JsonNode f = s.path("recent_flows").get(0);
        assertEquals("203.0.113.7", f.path("id.resp_h").asText());
        assertEquals(443, f.path("id.resp_p").asInt());
    }

    @Test
    void status_followsTheLatestPublishedSnapshot() throws Exception {
        published.set(Snapshots.clean());
        assertEquals("clean", JSON.readTree(get("/status").body()).path("verdict").path("window").asText());
    }

    @Test
    void check_cleanWindow_is200() throws Exception {
        published.set(Snapshots.clean());
        HttpResponse<String> r = get("/check");
        assertEquals(200, r.statusCode());
        assertEquals("pass", JSON.readTree(r.body()).path("result").asText());
    }

    @Test
    void check_dirtyWindow_is503_evenWithFailOnDirty() throws Exception {
        assertEquals(503, get("/check").statusCode());
        assertEquals(503, get("/check?fail_on=dirty").statusCode());
    }

    @Test
    void check_unverifiedWindow_is503_unlessFailOnDirty() throws Exception {
        published.set(Snapshots.with(Status.UNVERIFIED, Snapshots.running(), java.util.List.of()));
        assertEquals(503, get("/check").statusCode());
        assertEquals(503, get("/check?fail_on=unverified").statusCode());
        HttpResponse<String> tolerated = get("/check?fail_on=dirty");
        assertEquals(200, tolerated.statusCode());
        assertEquals("unverified", JSON.readTree(tolerated.body()).path("verdict").asText());
    }

    @Test
    void check_stoppedOrFailedCapture_is500() throws Exception {
        for (StatusSnapshot.CaptureState state : new StatusSnapshot.CaptureState[] {
                StatusSnapshot.CaptureState.STOPPED, StatusSnapshot.CaptureState.FAILED}) {
            published.set(Snapshots.with(Status.CLEAN, new StatusSnapshot.Capture("eth0", true, state, 0, 0, 0, null,
                    "interface went down"), java.util.List.of()));
            HttpResponse<String> r = get("/check");
            assertEquals(500, r.statusCode());
            assertEquals("capture_" + state.key(), JSON.readTree(r.body()).path("result").asText());
        }
    }

    @Test
    void check_staleSnapshot_is500() throws Exception {
        published.set(Snapshots.clean());
        server.close();
        server = StatusServer.start(ServerConfig.builder().port(0).staleAfter(Duration.ofSeconds(10)).build(),
                published::get, metrics, Clock.fixed(Snapshots.NOW.plusSeconds(11), ZoneOffset.UTC));
        HttpResponse<String> r = get("/check");
        assertEquals(500, r.statusCode());
        assertEquals("snapshot_stale", JSON.readTree(r.body()).path("result").asText());
    }

    @Test
    void check_badFailOn_is400() throws Exception {
        assertEquals(400, get("/check?fail_on=clean").statusCode());
        assertEquals(400, get("/check?fail_on=dirty&fail_on=dirty").statusCode());
    }

    @Test
    void flows_filtersByVerdictAndLimits() throws Exception {
        JsonNode all = JSON.readTree(get("/flows").body()).path("flows");
        assertEquals(4, all.size());
        JsonNode dirty = JSON.readTree(get("/flows?verdict=dirty").body()).path("flows");
        assertEquals(2, dirty.size());
        dirty.forEach(f -> assertEquals("dirty", f.path("verdict").asText()));
        JsonNode one = JSON.readTree(get("/flows?verdict=dirty&limit=1").body()).path("flows");
        assertEquals(1, one.size());
        assertEquals("CAbc123", one.get(0).path("uid").asText());
    }

    @Test
    void flows_badParameters_are400() throws Exception {
        for (String q : new String[] {"verdict=filthy", "limit=0", "limit=1001", "limit=ten", "limit=-1",
                "limit=99999999999", "colour=red", "verdict=dirty&verdict=clean"}) {
            HttpResponse<String> r = get("/flows?" + q);
            assertEquals(400, r.statusCode(), q);
            assertFalse(r.body().contains("filthy") || r.body().contains("red"), "input reflected: " + r.body());
        }
    }

    @Test
    void metrics_isPrometheusTextFormat() throws Exception {
        metrics.packetsRead(1000, 640_000);
        metrics.flowClassified(Status.DIRTY, "no-untrusted-transit", 5000);
        metrics.flowClassified(Status.CLEAN, null, 700);
        metrics.captureStats(10, 2);
        metrics.captureStats(15, 2);
        metrics.lookupCache(90, 10);
        metrics.policyReload(true);
        metrics.policyReload(false);
        metrics.lastPacket(Snapshots.NOW);
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        PrometheusText.Parsed p = PrometheusText.parse(r.body());
        assertEquals(1000, p.value("cleanpath_packets_total"));
        assertEquals(640_000, p.value("cleanpath_bytes_total"));
        assertEquals(1, p.value("cleanpath_flows_total{verdict=\"dirty\"}"));
        assertEquals(0, p.value("cleanpath_flows_total{verdict=\"unverified\"}"));
        assertEquals(5000, p.value("cleanpath_flow_bytes_total{verdict=\"dirty\"}"));
        assertEquals(1, p.value("cleanpath_verdicts_total{rule=\"no-untrusted-transit\",verdict=\"dirty\"}"));
        assertEquals(1, p.value("cleanpath_verdicts_total{rule=\"default\",verdict=\"clean\"}"));
        assertEquals(15, p.value("cleanpath_capture_dropped_kernel_total"));
        assertEquals(2, p.value("cleanpath_capture_dropped_interface_total"));
        assertEquals(90, p.value("cleanpath_lookup_cache_requests_total{result=\"hit\"}"));
        assertEquals(1, p.value("cleanpath_policy_reloads_total{result=\"failure\"}"));
        assertEquals(1795748400.123456, p.value("cleanpath_last_packet_timestamp_seconds"), 1e-6);
        assertEquals("counter", p.type("cleanpath_packets_total"), r.body());
        assertEquals("gauge", p.type("cleanpath_last_packet_timestamp_seconds"));
    }

    @Test
    void unknownPath_is404() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        assertEquals(404, get("/status/extra").statusCode());
        assertEquals(404, get("/index.html").statusCode());
    }

    @Test
    void postAndDelete_are405WithAllow() throws Exception {
        for (String path : new String[] {"/status", "/", "/check"}) {
            HttpResponse<String> post = send(HttpRequest.newBuilder(uri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
            assertEquals(405, post.statusCode(), path);
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
            HttpResponse<String> delete = send(HttpRequest.newBuilder(uri(path)).DELETE().build());
            assertEquals(405, delete.statusCode(), path);
            assertEquals("GET, HEAD", delete.headers().firstValue("allow").orElseThrow());
        }
    }

    @Test
    void head_sendsHeadersWithoutBody() throws Exception {
        int getLength = get("/status").body().getBytes(StandardCharsets.UTF_8).length;
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/status"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(getLength, head.headers().firstValueAsLong("content-length").orElseThrow());
        // the connection stays usable: the next answer is not confused with a body
        assertEquals(200, get("/healthz").statusCode());
        String raw = raw("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 200 OK\r\n"), raw);
        assertTrue(raw.endsWith("\r\n\r\n"), "HEAD answer carries a body: " + raw);
    }

    @Test
    void keepAlive_servesSeveralRequestsOnOneConnection() throws Exception {
        String raw = raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(2, raw.split("HTTP/1.1 200 OK", -1).length - 1, raw);
    }

    @Test
    void oversizedHeaders_are431AndClose() throws Exception {
        String raw = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.0 431 ") || raw.startsWith("HTTP/1.1 431 "), raw);
    }

    @Test
    void oversizedRequestLine_is414() throws Exception {
        String raw = raw("GET /flows?limit=" + "1".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(raw.matches("(?s)HTTP/1\\.[01] 414 .*"), raw);
    }

    @Test
    void garbageRequest_is400() throws Exception {
        String raw = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n");
        assertTrue(raw.matches("(?s)HTTP/1\\.[01] 400 .*"), raw);
    }

    @Test
    void oversizedBody_is413() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000))).build());
        assertEquals(413, r.statusCode());
    }

    @Test
    void http10_closesAfterTheAnswer() throws Exception {
        String raw = raw("GET /healthz HTTP/1.0\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.0 200 OK\r\n") && raw.endsWith("ok\n"), raw);
    }

    @Test
    void connectionsBeyondTheLimit_areClosed() throws Exception {
        server.close();
        server = StatusServer.start(ServerConfig.builder().port(0).maxConnections(2).build(), published::get, metrics, CLOCK);
        try (Socket a = new Socket("127.0.0.1", server.port()); Socket b = new Socket("127.0.0.1", server.port())) {
            a.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            b.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            a.setSoTimeout(5000);
            b.setSoTimeout(5000);
            assertEquals('H', a.getInputStream().read());
            assertEquals('H', b.getInputStream().read());
            try (Socket c = new Socket("127.0.0.1", server.port())) {
                c.setSoTimeout(5000);
                int first;
                try {
                    c.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    first = c.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    first = -1;
                }
                assertEquals(-1, first, "third connection closed unanswered");
            }
        }
    }

    @Test
    void idleConnection_isClosedAfterTimeout() throws Exception {
        server.close();
        server = StatusServer.start(ServerConfig.builder().port(0).idleTimeout(Duration.ofMillis(300)).build(),
                published::get, metrics, CLOCK);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "server closes the idle connection");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250 && ms < 4000, "closed after " + ms + " ms");
        }
    }

    @Test
    void token_requiredOnEveryDataEndpoint() throws Exception {
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, "s3cret-token\n");
        server.close();
        server = StatusServer.start(ServerConfig.builder().port(0).tokenFile(tokenFile).build(), published::get, metrics, CLOCK);
        for (String path : new String[] {"/status", "/check", "/flows", "/metrics", "/healthz", "/nope"}) {
            HttpResponse<String> none = get(path);
            assertEquals(401, none.statusCode(), path);
            assertEquals("Bearer", none.headers().firstValue("www-authenticate").orElseThrow());
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer s3cret-tokeN").build());
            assertEquals(401, wrong.statusCode(), path);
            HttpResponse<String> prefix = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer s3cret").build());
            assertEquals(401, prefix.statusCode(), path);
        }
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/status")).header("Authorization", "Bearer s3cret-token").build());
        assertEquals(200, ok.statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(uri("/nope")).header("Authorization", "Bearer s3cret-token").build()).statusCode());
        // the dashboard files hold no data; the page's script sends the token from the URL fragment
        assertEquals(200, get("/").statusCode());
        assertEquals(200, get("/dashboard.js").statusCode());
    }

    @Test
    void emptyTokenFile_isRefused() throws Exception {
        Path tokenFile = tmp.resolve("empty");
        Files.writeString(tokenFile, " \n");
        try {
            StatusServer.start(ServerConfig.builder().port(0).tokenFile(tokenFile).build(), published::get, metrics).close();
            throw new AssertionError("started with an empty token");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("empty"));
        }
    }

    @Test
    void dashboard_isServedFromTheJarWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
        assertTrue(page.body().contains("<script src=\"dashboard.js\""));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external resources");
        assertEquals("text/css; charset=utf-8", get("/dashboard.css").headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void dashboardScript_writesServerValuesAsTextOnly() throws Exception {
        String js = get("/dashboard.js").body();
        assertTrue(js.contains("textContent"));
        for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
            assertFalse(js.contains(sink), "dashboard script uses " + sink);
        }
        // the page itself never carries snapshot values: a malicious reason only reaches it through /status JSON
        assertFalse(get("/").body().contains("<script>alert"));
        assertTrue(get("/status").body().contains("\"<script>alert(1)</script>\""));
    }

    @Test
    void close_stopsAccepting() throws Exception {
        int port = server.port();
        server.close();
        server = null;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            // a connection can only land in a new listener; nothing answers here
            throw new AssertionError("still accepting on " + port);
        } catch (IOException expected) {
            // refused
        }
    }

    @Test
    void close_letsAnAnswerInFlightFinish() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /status HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            int first = in.read();
            server.close();
            server = null;
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String all = (char) first + rest;
            assertTrue(all.startsWith("HTTP/1.1 200 OK"), all);
            assertTrue(all.endsWith("}"), "whole body before close");
        }
    }

    /** Sends raw bytes on a new connection and reads until the server closes it. */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
