package org.cleanpath.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads every file of the third-party capture corpus (tests only; never copied into the
 * repository) and holds each to what its MANIFEST.tsv row says.
 *
 * <p>The corpus is {@code ../shared/captures} next to the project, or the folder named by the
 * system property {@code cleanpath.corpus}; without it these tests are skipped.
 */
class CorpusTest {
    private static final Pattern COMPLETE_RECORDS = Pattern.compile("header walk: (\\d+) complete records");
    private static final String NOT_A_CAPTURE = "not a pcap or pcapng file (magic 0x";

    static Path corpus() {
        String configured = System.getProperty("cleanpath.corpus");
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../shared/captures");
        return dir.normalize();
    }

    /** A MANIFEST.tsv row: the columns the reader can be held to. */
    record Row(String file, String format, String packetCount, String status) {}

    /** What reading a file came to, by one route. */
    record Outcome(int frames, long lastRecordEnd, CaptureException error) {}

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileAsItsManifestSays() throws IOException {
        Path corpus = corpus();
        assumeTrue(Files.isDirectory(corpus), "no capture corpus at " + corpus);
        Map<String, Row> manifest = manifest(corpus.resolve("MANIFEST.tsv"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("MANIFEST.tsv"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(files.size() >= manifest.size(), "corpus holds fewer files than its manifest lists");
        return files.stream().map(path -> {
            String name = corpus.relativize(path).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, () -> check(path, manifest.get(name)));
        });
    }

    /** Reads one corpus file by name; the test is skipped without the corpus. */
    private static Outcome readCorpusFile(String name) throws IOException {
        Path path = corpus().resolve(name);
        assumeTrue(Files.isRegularFile(path), "no capture corpus at " + corpus());
        return read(path, () -> CaptureFiles.open(path.toString()));
    }

    @Test
    void readsBroadcomTagFileThatTsharkRefuses() throws IOException {
        Outcome outcome = readCorpusFile("tcpdump/brcm-tag.pcap");
        assertNull(outcome.error());
        assertEquals(23, outcome.frames());
        try (CaptureReader reader = CaptureFiles.open(corpus().resolve("tcpdump/brcm-tag.pcap").toString())) {
            Frame frame = new Frame();
            assertTrue(reader.next(frame));
            assertEquals(281, frame.linkType);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // link-type field 0x40000000 (FCS bits over DLT_NULL); the first record claims 524501 bytes
        "ndpi/fuzz-2021-10-13.pcap | 0 | 24 | record header claims 524501 captured bytes but only 199 remain (file cut short?)",
        "suricata-verify/bug-6875-01/fuzz.pcap | 1 | 228 | record header claims 1409179648 captured bytes but only 141 remain (file cut short?)",
        "suricata-verify/http-mime-truncated/input.pcap | 2696 | 2715459 | file ends 1 byte into a 16-byte record header (file cut short?)",
    })
    void reportsDamageAtTheDamagedRecordAfterTheGoodOnes(String file, int frames, long offset, String problem)
            throws IOException {
        Outcome outcome = readCorpusFile(file);
        assertEquals(frames, outcome.frames());
        assertEquals(offset, outcome.error().offset());
        assertEquals(corpus().resolve(file).toString(), outcome.error().source());
        assertTrue(outcome.error().getMessage().endsWith(": at byte offset " + offset + ": " + problem),
                outcome.error().getMessage());
    }

    private static void check(Path path, Row row) throws IOException {
        Outcome mapped = read(path, () -> CaptureFiles.open(path.toString()));
        Outcome streamed = read(path, () -> CaptureFiles.open(path.toString(), Files.newInputStream(path)));
        assertEquals(mapped.frames(), streamed.frames(), "frames, mapped vs streamed");
        assertEquals(mapped.error() == null, streamed.error() == null, "error, mapped vs streamed");
        if (mapped.error() != null) {
            assertEquals(mapped.error().offset(), streamed.error().offset(), "error offset, mapped vs streamed");
        }
        if (row == null) {
            return; // a file the manifest does not know: reading it without a crash is all we ask
        }
        String name = row.file();
        Matcher walked = COMPLETE_RECORDS.matcher(row.packetCount());
        if (name.endsWith("solaris.snoop") || row.format().startsWith("unknown magic")) {
            assertNotACapture(mapped.error());
        } else if (row.status().equals("ok") && row.packetCount().matches("\\d+")) {
            assertNull(mapped.error(), () -> "unexpected " + mapped.error().getMessage());
            assertEquals(Integer.parseInt(row.packetCount()), mapped.frames());
        } else if (walked.find()) {
            assertEquals(Integer.parseInt(walked.group(1)), mapped.frames(), "complete records");
            boolean damaged = row.packetCount().contains("then a record header claiming")
                    || row.packetCount().contains("trailing bytes");
            if (damaged) {
                assertNotNull(mapped.error(), "the damage must be reported");
                assertEquals(mapped.lastRecordEnd(), mapped.error().offset(), "offset of the damaged record");
                assertFalse(mapped.error().getMessage().contains("\n"));
            } else {
                assertNull(mapped.error(), () -> "unexpected " + mapped.error().getMessage());
            }
        } else {
            throw new AssertionError("manifest row not understood: " + row);
        }
    }

    private static void assertNotACapture(CaptureException e) {
        assertNotNull(e, "must be rejected as not a capture");
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains(NOT_A_CAPTURE), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    interface Opener {
        CaptureReader open() throws IOException;
    }

    /** Reads all frames; a {@link CaptureException} is an outcome, any other exception fails. */
    private static Outcome read(Path path, Opener opener) throws IOException {
        int frames = 0;
        long end = -1;
        CaptureReader reader;
        try {
            reader = opener.open();
        } catch (CaptureException e) {
            return new Outcome(0, -1, e);
        }
        try (reader) {
            end = reader.format().startsWith("pcapng") ? -1 : PcapReader.FILE_HEADER;
            Frame frame = new Frame();
            while (reader.next(frame)) {
                frames++;
                assertTrue(frame.capturedLength >= 0 && frame.offset >= 0
                        && frame.offset + frame.capturedLength <= frame.buffer.limit(), "frame inside its buffer");
                end = frame.recordOffset + PcapReader.RECORD_HEADER + frame.capturedLength;
            }
            return new Outcome(frames, end, null);
        } catch (CaptureException e) {
            return new Outcome(frames, end, e);
        }
    }

    static Map<String, Row> manifest(Path tsv) throws IOException {
        Map<String, Row> rows = new HashMap<>();
        try (InputStream in = Files.newInputStream(tsv)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String> header = List.of(lines[0].split("\t"));
            int file = header.indexOf("file");
            int format = header.indexOf("format");
            int count = header.indexOf("packet_count");
            for (int k = 1; k < lines.length; k++) {
                if (lines[k].isBlank()) {
                    continue;
                }
                String[] cols = lines[k].split("\t");
                rows.put(cols[file], new Row(cols[file], cols[format], cols[count], cols[cols.length - 1]));
            }
        }
        return rows;
    }
}
