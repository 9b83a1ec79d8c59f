package org.cleanpath.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cleanpath.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class SamplesTest {
    /** The committed sample captures, relative to the project directory (where Maven runs tests). */
    static final Path COMMITTED = Path.of("captures");

    @TempDir
    Path dir;

    static List<Samples.Sample> samples() {
        return Samples.ALL;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void regenerating_givesTheCommittedFileByteForByte(Samples.Sample sample) throws IOException {
        Path fresh = dir.resolve(sample.fileName());
        Samples.write(sample.scenario(), sample.format(), fresh);

        Path committed = COMMITTED.resolve(sample.fileName());
        assertTrue(Files.exists(committed), committed + " is missing; run ./cleanpath generate --all captures");
        assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(fresh),
                committed + " differs from what the generator writes; run ./cleanpath generate --all captures");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySample_isSmall(Samples.Sample sample) throws IOException {
        Path file = dir.resolve(sample.fileName());
        Samples.write(sample.scenario(), sample.format(), file);
        long limit = sample.scenario().equals("vlan-gtp-ipv6") ? 100_000 : 200_000;
        assertTrue(Files.size(file) < limit, file + " has " + Files.size(file) + " bytes");
    }

    @Test
    void frames_areTheSameOnEveryCallAndInTimeOrder() {
        for (String name : Samples.scenarioNames()) {
            List<TimedFrame> first = Samples.frames(name).orElseThrow();
            List<TimedFrame> second = Samples.frames(name).orElseThrow();
            assertEquals(first.size(), second.size());
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).timestampNanos(), second.get(i).timestampNanos());
                assertArrayEquals(first.get(i).data(), second.get(i).data());
                if (i > 0) {
                    assertTrue(first.get(i - 1).timestampNanos() <= first.get(i).timestampNanos());
                }
            }
        }
    }

    @Test
    void generateAll_writesEverySampleAndNoTemporaryFile() throws IOException {
        assertEquals(0, run("generate", "--all", dir.toString()));
        try (var files = Files.list(dir)) {
            assertEquals(Samples.ALL.stream().map(Samples.Sample::fileName).sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void generateScenario_writesTheRequestedFormat() throws IOException {
        Path out = dir.resolve("x.pcapng");
        assertEquals(0, run("generate", "--scenario", "5g-ingress-clean", "-o", out.toString(), "--format", "pcapng"));
        byte[] head = Files.readAllBytes(out);
        assertEquals(0x0a, head[0]);
        assertEquals(0x0d, head[1]);
    }

    @Test
    void unknownScenario_isAnErrorAndWritesNothing() throws IOException {
        Path out = dir.resolve("x.pcap");
        assertEquals(Main.EXIT_ERROR, run("generate", "--scenario", "no-such", "-o", out.toString()));
        assertFalse(Files.exists(out));
        assertEquals(Main.EXIT_ERROR, run("generate", "--scenario", "vlan-gtp-ipv6", "-o", out.toString(),
                "--format", "erf"));
        assertEquals(Main.EXIT_ERROR, run("generate"));
    }

    private static int run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter sink = new StringWriter();
        cli.setOut(new PrintWriter(sink));
        cli.setErr(new PrintWriter(sink));
        return cli.execute(args);
    }
}
