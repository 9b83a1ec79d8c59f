package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of {@code analyze -o out.jsonl}: the flows seen so far are written as
 * complete JSON lines, a summary says where it stopped, the output is renamed into place and no
 * temporary file is left behind.
 */
class SignalShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermDuringAnalyzeLeavesCompleteLinesASummaryAndNoPartFiles() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Path errFile = Files.createTempFile("cleanpath-signal", ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.cleanpath.cli.Main", "analyze", "-",
                "--format", "jsonl", "-o", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        byte[] capture = Files.readAllBytes(Path.of("captures/5g-ingress-dirty.pcap"));
        OutputStream stdin = p.getOutputStream();
        stdin.write(capture); // the whole capture, then the pipe stays open as from a live tcpdump
        stdin.flush();
        Thread.sleep(3000);
        // kill(1), not Process.destroy(): destroy also closes our end of the pipe, which would end the input first.
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "analyze did not stop");
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        Files.delete(errFile);
        assertEquals(2, p.exitValue(), "an interrupted analysis reports incomplete input: " + err);
        assertTrue(err.contains("packets: 213 read"), err);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() >= 25, "the flows seen before the signal are reported: " + lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertTrue(json.readTree(line).has("verdict"), line);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary files left");
        }
    }
}
