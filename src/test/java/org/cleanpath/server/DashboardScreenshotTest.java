package org.cleanpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a browser shows it: headless Chromium loads the page, its script fetches /status,
 * and the rendered DOM must show the verdict and the violations. Skipped where Chromium is not
 * installed (CI installs Debian's {@code chromium}). The screenshot is kept as
 * {@code target/dashboard-screenshot.png} for a person to look at.
 */
class DashboardScreenshotTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;
    private StatusServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed");
        Path token = tmp.resolve("token");
        Files.writeString(token, "dash-token");
        server = StatusServer.start(ServerConfig.builder().port(0).tokenFile(token).build(), Snapshots::dirty, new Metrics());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String page() {
        return "http://127.0.0.1:" + server.port() + "/#token=dash-token";
    }

    private String chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"),
                "--window-size=1280,900", "--virtual-time-budget=3000"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(Files.createTempFile(tmp, "chromium", ".err").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        assertEquals(0, p.exitValue(), "chromium exit status");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void dashboard_rendersVerdictAndViolations() throws Exception {
        String dom = chromium("--dump-dom", page());
        assertTrue(Pattern.compile("<div id=\"verdict\" class=\"verdict\">DIRTY</div>").matcher(dom).find(), dom);
        assertTrue(dom.contains("<header id=\"banner\" class=\"banner dirty\">"), dom);
        Matcher row = Pattern.compile("<tr><td>no-untrusted-transit</td><td>path crosses an AS outside the trust table</td>"
                + "<td>responder 203.0.113.7</td><td>AS4134</td><td>CN</td>").matcher(dom);
        assertTrue(row.find(), "violations row: " + dom);
        // the malicious reason is shown as text, escaped in the DOM, and never became an element
        assertTrue(dom.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), dom);
        assertFalse(dom.contains("<script>alert(1)</script>"), dom);
        assertTrue(dom.contains("Deutsche Telekom AG"), "AS chart: " + dom);
        assertTrue(dom.contains("Germany"), "country chart: " + dom);
    }

    @Test
    void dashboard_withoutTheTokenInTheFragment_saysUnauthorized() throws Exception {
        String dom = chromium("--dump-dom", "http://127.0.0.1:" + server.port() + "/");
        assertTrue(dom.contains(">NO STATUS</div>"), dom);
        assertTrue(dom.contains("unauthorized: open this page as /#token=&lt;token&gt;"), dom);
    }

    @Test
    void dashboard_screenshotIsNonTrivial() throws Exception {
        Path png = tmp.resolve("dashboard.png");
        chromium("--screenshot=" + png, page());
        assertTrue(Files.exists(png), "screenshot written");
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 20_000, "screenshot of " + bytes.length + " bytes looks blank");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.copy(png, target.resolve("dashboard-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
