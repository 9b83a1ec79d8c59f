package org.cleanpath.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.cleanpath.capture.CaptureException;
import org.cleanpath.capture.PcapWriter;
import org.cleanpath.generate.Samples;
import org.cleanpath.generate.TimedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchSourceTest {
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path tmp;
    Path watched;
    byte[] capture;
    int framesPerFile;

    /** What the listener heard, in order: "start NAME", "done NAME FRAMES", "failed NAME". */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<IOException> problems = Collections.synchronizedList(new ArrayList<>());
    WatchSource source;
    Thread runner;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    @BeforeEach
    void generate() throws IOException {
        Path sample = TestCaptures.write(tmp.resolve("sample.pcap"));
        capture = Files.readAllBytes(sample);
        framesPerFile = TestCaptures.frames(sample).size();
        watched = Files.createDirectory(tmp.resolve("rotated"));
    }

    @AfterEach
    void stopWatching() throws InterruptedException {
        if (source != null) {
            source.stop();
            runner.join(5_000);
            assertFalse(runner.isAlive(), "watch did not stop");
            assertNull(failure.get());
        }
    }

    private void startWatching() {
        source = new WatchSource(watched, QUIET, POLL, new WatchSource.Listener() {
            @Override
            public void fileStarted(Path file) {
                events.add("start " + file.getFileName());
            }

            @Override
            public void fileFinished(Path file, long frames) {
                events.add("done " + file.getFileName() + " " + frames);
            }

            @Override
            public void fileFailed(Path file, IOException problem) {
                events.add("failed " + file.getFileName());
                problems.add(problem);
            }
        });
        runner = new Thread(() -> {
            try {
                source.run(frame -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "watch");
        runner.start();
    }

    private void awaitEvent(Predicate<List<String>> done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.test(List.copyOf(events))) {
            assertTrue(System.nanoTime() < deadline, "timed out; events so far: " + events);
            Thread.sleep(20);
        }
    }

    /** Writes a rotated file the way tcpdump does: in place, under its final name. */
    private void writeCapture(String name, byte[] bytes) throws IOException {
        Files.write(watched.resolve(name), bytes);
    }

    @Test
    void readsEachRotatedFileOnceInNameOrder_includingFilesWrittenLater() throws Exception {
        writeCapture("cap-0002.pcap", capture);
        writeCapture("cap-0001.pcap", capture);
        startWatching();
        awaitEvent(e -> e.contains("done cap-0002.pcap " + framesPerFile));

        writeCapture("cap-0003.pcap", capture); // after the watch started; closes 0003 once 0004 appears
        Thread.sleep(150);
        writeCapture("cap-0004.pcap", capture);
        awaitEvent(e -> e.contains("done cap-0004.pcap " + framesPerFile));
        Thread.sleep(QUIET.toMillis() + 5 * POLL.toMillis()); // more polls: nothing may be read again

        List<String> expected = new ArrayList<>();
        for (String name : List.of("cap-0001.pcap", "cap-0002.pcap", "cap-0003.pcap", "cap-0004.pcap")) {
            expected.add("start " + name);
            expected.add("done " + name + " " + framesPerFile);
        }
        assertEquals(expected, events);
        assertEquals(4L * framesPerFile, source.stats().received());
        long rotated;
        try (var files = Files.list(watched)) {
            rotated = files.count();
        }
        assertTrue(rotated >= 3, rotated + " files");
        assertEquals(rotated, source.filesRead());
    }

    @Test
    void newestFile_waitsUntilItStopsGrowing() throws Exception {
        int half = capture.length / 2;
        startWatching();
        writeCapture("cap.pcap", Arrays.copyOf(capture, half));
        Thread.sleep(QUIET.toMillis() / 2);
        assertEquals(List.of(), events, "read while still being written");
        Files.write(watched.resolve("cap.pcap"), Arrays.copyOfRange(capture, half, capture.length),
                StandardOpenOption.APPEND);

        awaitEvent(e -> e.contains("done cap.pcap " + framesPerFile));
        assertEquals(List.of("start cap.pcap", "done cap.pcap " + framesPerFile), events);
    }

    @Test
    void tcpdumpSizeRotation_sortsNumbersByValue() throws Exception {
        // tcpdump -C writes cap.pcap, cap.pcap1, cap.pcap2 ... cap.pcap10
        for (String name : List.of("cap.pcap10", "cap.pcap", "cap.pcap2", "cap.pcap1")) {
            writeCapture(name, capture);
        }
        startWatching();
        awaitEvent(e -> e.size() == 8);

        assertEquals(List.of("start cap.pcap", "start cap.pcap1", "start cap.pcap2", "start cap.pcap10"),
                events.stream().filter(e -> e.startsWith("start")).toList());
    }

    @Test
    void damagedFile_isReportedAndTheWatchGoesOn() throws Exception {
        writeCapture("cap-0001.pcap", capture);
        writeCapture("cap-0002.pcap", Arrays.copyOf(capture, capture.length - 10)); // last record cut short
        writeCapture("cap-0003.pcap", "not a capture\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeCapture("cap-0004.pcap", capture);
        startWatching();
        awaitEvent(e -> e.contains("done cap-0004.pcap " + framesPerFile));

        assertEquals(List.of("start cap-0001.pcap", "done cap-0001.pcap " + framesPerFile,
                "start cap-0002.pcap", "failed cap-0002.pcap",
                "start cap-0003.pcap", "failed cap-0003.pcap",
                "start cap-0004.pcap", "done cap-0004.pcap " + framesPerFile), events);
        assertTrue(problems.stream().allMatch(p -> p instanceof CaptureException), problems.toString());
        // the good frames before the damage count
        assertEquals(3L * framesPerFile - 1, source.stats().received());
    }

    @Test
    void filesRotatedByTcpdump_readBackAsTheOriginalCapture() throws Exception {
        assumeTrue(Shell.onPath("tcpdump"), "needs tcpdump");
        Path original = tmp.resolve("long.pcap");
        List<TimedFrame> frames = Samples.frames(TestCaptures.SCENARIO).orElseThrow();
        try (PcapWriter out = PcapWriter.create(original)) {
            for (int copy = 0; copy < 60; copy++) { // 4.2 MB: five files of tcpdump -C 1
                for (TimedFrame frame : frames) {
                    out.write(frame.timestampNanos() + copy * 10_000_000_000L, frame.data());
                }
            }
        }
        // -Z root: tcpdump drops to its own user before opening the next file, which could not write here
        Shell.run("tcpdump", "-Z", "root", "-r", original.toString(), "-C", "1", "-w", watched.resolve("cap.pcap").toString());
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        source = new WatchSource(watched, QUIET, POLL, (file, problem) -> problems.add(problem));
        runner = new Thread(() -> {
            try {
                source.run(frame -> delivered.add(TestCaptures.hex(frame)));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "watch");
        runner.start();
        List<String> expected = TestCaptures.frames(original);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (delivered.size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertEquals(List.of(), problems);
        long rotated;
        try (var files = Files.list(watched)) {
            rotated = files.count();
        }
        assertTrue(rotated >= 3, rotated + " files");
        assertEquals(rotated, source.filesRead());
        assertTrue(expected.equals(delivered), "delivered " + delivered.size() + " of " + expected.size()
                + " frames, or out of order");
    }

    @Test
    void hiddenFiles_areIgnored() throws Exception {
        writeCapture(".cap-0001.pcap.part", capture);
        writeCapture("cap-0002.pcap", capture);
        startWatching();
        awaitEvent(e -> e.contains("done cap-0002.pcap " + framesPerFile));

        assertEquals(List.of("start cap-0002.pcap", "done cap-0002.pcap " + framesPerFile), events);
    }

    @Test
    void missingDirectory_fails() {
        WatchSource missing = new WatchSource(tmp.resolve("nowhere"), (file, problem) -> { });
        assertThrows(NotDirectoryException.class, () -> missing.run(frame -> { }));
    }

    @Test
    void compareNatural_ordersDigitRunsByValue() {
        List<String> names = new ArrayList<>(List.of("b", "a10", "a2", "a02x", "a", "cap-20260105-0900.pcap",
                "cap-20260105-0859.pcap", "a2x"));
        names.sort(WatchSource::compareNatural);
        assertEquals(List.of("a", "a2", "a02x", "a2x", "a10", "b", "cap-20260105-0859.pcap",
                "cap-20260105-0900.pcap"), names);
    }
}
