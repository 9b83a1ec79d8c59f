package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cleanpath.Corpus;
import org.cleanpath.cli.Main;
import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowSettings;
import org.cleanpath.flow.PacketCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Damaged captures, thousands of them, derived from every capture the project has (its own
 * {@code captures/} and the third-party corpus when present): cut at every record boundary and
 * inside records, with record and block length fields overwritten, with bytes scribbled over, and
 * corrupted by Wireshark's {@code editcap -E} when it is installed. Each must be analysed within a
 * few seconds, without an exception, with every packet counted once; the flows command must still
 * write whole JSON lines.
 */
class CorruptedCapturesTest {
    private static final Duration PER_VARIANT = Duration.ofSeconds(5);
    /** Variants one capture gives, before editcap's. */
    private static final int TRUNCATIONS = 100;
    private static final int LENGTH_CORRUPTIONS = 30;
    private static final int SCRIBBLES = 10;
    private static final double[] EDITCAP_RATES = {0.002, 0.02, 0.1};
    private static final int[] EDITCAP_SEEDS = {1, 2};
    private static final int[] LENGTH_VALUES = {0, 1, 3, 7, 15, 16, 17, 28, 31, 0x7fff, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0};

    @TempDir
    Path dir;

    private int variants;
    private int fileCounter;

    @Test
    void everyDamagedVariantIsAnalysedBoundedAndFullyCounted() throws Exception {
        List<Path> sources = CorpusSeedsTest.sources();
        boolean corpus = Files.isDirectory(Corpus.dir());
        boolean editcap = Corpus.hasProgram("editcap");
        Random random = new Random(20261127);
        List<byte[]> forJsonLines = new ArrayList<>();
        for (Path source : sources) {
            byte[] whole = Files.readAllBytes(source);
            List<int[]> records = records(whole);
            List<byte[]> damaged = new ArrayList<>();
            truncations(whole, records, random, damaged);
            lengthCorruptions(whole, records, random, damaged);
            scribbles(whole, random, damaged);
            for (byte[] bytes : damaged) {
                analyse(source, bytes);
            }
            if (editcap) {
                for (Path variant : editcapVariants(source)) {
                    analyse(source, Files.readAllBytes(variant));
                }
            }
            if (forJsonLines.size() < 24 && damaged.size() > 20) {
                forJsonLines.add(damaged.get(damaged.size() / 3));
                forJsonLines.add(damaged.get(damaged.size() - 5));
            }
        }
        for (byte[] bytes : forJsonLines) {
            flowsCommandWritesWholeJsonLines(bytes);
        }
        System.out.printf("CorruptedCapturesTest: %d damaged variants of %d captures (editcap %s)%n",
                variants, sources.size(), editcap ? "used" : "absent, skipped");
        if (corpus) {
            assertTrue(variants >= 10_000, "at least 10,000 variants over the corpus, got " + variants);
        }
    }

    /** Record (pcap) or block (pcapng) spans as {start, end}; stops at the first that does not fit. */
    static List<int[]> records(byte[] b) {
        List<int[]> out = new ArrayList<>();
        if (b.length < 24) {
            return out;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0A0D0D0A) {
            int p = 0;
            while (p + 12 <= b.length) {
                if (buf.order(ByteOrder.BIG_ENDIAN).getInt(p) == 0x0A0D0D0A) {
                    int bom = buf.getInt(p + 8);
                    buf.order(bom == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
                long len = buf.getInt(p + 4) & 0xffffffffL;
                if (len < 12 || p + len > b.length) {
                    break;
                }
                out.add(new int[] {p, (int) (p + len)});
                p += (int) len;
            }
            return out;
        }
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            return out; // gzip or not a capture: scribbles only
        }
        int p = 24;
        while (p + 16 <= b.length) {
            long len = buf.getInt(p + 8) & 0xffffffffL;
            if (p + 16 + len > b.length) {
                break;
            }
            out.add(new int[] {p, (int) (p + 16 + len)});
            p += 16 + (int) len;
        }
        return out;
    }

    /** Cuts at record boundaries (evenly spread when there are many) and inside records and the file header. */
    private static void truncations(byte[] whole, List<int[]> records, Random random, List<byte[]> out) {
        int boundaries = Math.min(records.size(), TRUNCATIONS / 2);
        for (int i = 0; i < boundaries; i++) {
            int[] r = records.get((int) ((long) i * records.size() / boundaries));
            out.add(Arrays.copyOf(whole, r[0]));
        }
        for (int i = out.size(); i < TRUNCATIONS; i++) {
            int cut;
            if (records.isEmpty() || i % 10 == 0) {
                cut = random.nextInt(Math.min(whole.length, 64) + 1); // in or just past the file header
            } else {
                int[] r = records.get(random.nextInt(records.size()));
                cut = r[0] + 1 + random.nextInt(r[1] - r[0] - 1);
            }
            out.add(Arrays.copyOf(whole, cut));
        }
    }

    /**
     * Overwrites a length field with an edge value or a near miss: pcap's captured and original
     * lengths, pcapng's leading or trailing block total length, or an enhanced packet's captured length.
     */
    private static void lengthCorruptions(byte[] whole, List<int[]> records, Random random, List<byte[]> out) {
        if (records.isEmpty()) {
            return;
        }
        boolean pcapng = ByteBuffer.wrap(whole).getInt(0) == 0x0A0D0D0A;
        for (int i = 0; i < LENGTH_CORRUPTIONS; i++) {
            byte[] b = whole.clone();
            int[] r = records.get(random.nextInt(records.size()));
            int field;
            if (pcapng) {
                field = switch (random.nextInt(3)) {
                    case 0 -> r[0] + 4;
                    case 1 -> r[1] - 4;
                    default -> Math.min(r[0] + 20, r[1] - 4); // EPB captured length
                };
            } else {
                field = r[0] + (random.nextBoolean() ? 8 : 12);
            }
            ByteBuffer buf = ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int value = random.nextInt(4) == 0
                    ? buf.getInt(field) + random.nextInt(9) - 4
                    : LENGTH_VALUES[random.nextInt(LENGTH_VALUES.length)];
            buf.putInt(field, value);
            out.add(b);
        }
    }

    private static void scribbles(byte[] whole, Random random, List<byte[]> out) {
        if (whole.length == 0) {
            return;
        }
        for (int i = 0; i < SCRIBBLES; i++) {
            byte[] b = whole.clone();
            for (int k = 1 + random.nextInt(16); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            out.add(b);
        }
    }

    /** {@code editcap -E rate --seed s}; a capture editcap itself cannot read gives none. */
    private List<Path> editcapVariants(Path source) throws IOException, InterruptedException {
        List<Path> out = new ArrayList<>();
        for (double rate : EDITCAP_RATES) {
            for (int seed : EDITCAP_SEEDS) {
                Path target = dir.resolve("editcap-" + rate + "-" + seed + ".pcapng");
                Process p = new ProcessBuilder("editcap", "-E", Double.toString(rate), "--seed", Integer.toString(seed),
                        source.toString(), target.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                if (p.exitValue() == 0 && Files.exists(target)) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    /** Reads and finishes one variant within {@link #PER_VARIANT}; every packet read lands in exactly one count. */
    private void analyse(Path source, byte[] bytes) throws IOException {
        // A fresh name each time: a reader that overran its time may still map the previous file.
        Path file = dir.resolve("variant-" + (fileCounter++) + ".pcap");
        Files.write(file, bytes);
        variants++;
        try {
            PacketCounts counts = assertTimeoutPreemptively(PER_VARIANT, () -> {
                CaptureAnalysis analysis = new CaptureAnalysis(FlowSettings.defaults().withMaxFlows(4096), r -> {},
                        CaptureAnalysis.Progress.NONE);
                analysis.read(file.toString());
                analysis.finish();
                return analysis.counts();
            }, () -> "variant " + variants + " of " + source.getFileName());
            assertEquals(counts.read(), counts.decoded() + counts.undecodable() + counts.nonIp(),
                    () -> "packet accounting of variant " + variants + " of " + source.getFileName());
        } finally {
            Files.delete(file);
        }
    }

    /** The flows command on a damaged capture: no exception escapes, and the output is whole JSON lines. */
    private void flowsCommandWritesWholeJsonLines(byte[] bytes) throws IOException {
        Path file = dir.resolve("flows-input-" + (fileCounter++) + ".pcap");
        Path out = dir.resolve("flows-" + fileCounter + ".jsonl");
        Files.write(file, bytes);
        List<Exception> thrown = new ArrayList<>();
        CommandLine cli = Main.commandLine();
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            thrown.add(ex);
            return Main.EXIT_ERROR;
        });
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = assertTimeoutPreemptively(PER_VARIANT.multipliedBy(2),
                () -> cli.execute("flows", file.toString(), "--format", "jsonl", "-o", out.toString()));
        assertTrue(thrown.isEmpty(), () -> "flows threw " + thrown + "\n" + err);
        assertTrue(exit == Main.EXIT_CLEAN || exit == Main.EXIT_ERROR, "exit " + exit);
        assertTrue(Files.exists(out), () -> "flows wrote its output despite the damage\n" + err);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "output ends with a whole line");
        ObjectMapper json = new ObjectMapper();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                JsonNode flow = json.readTree(line);
                assertTrue(flow.isObject() && flow.has("uid"), () -> "a flow object: " + line);
            }
        }
    }
}
