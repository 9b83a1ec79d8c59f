package org.cleanpath.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.cleanpath.capture.CaptureException;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {
    @TempDir
    Path dir;
    Path capture;
    List<Long> timestamps;

    /** A clock that only moves when the source sleeps. */
    static final class FakePacer implements ReplaySource.Pacer {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos, CountDownLatch stopped) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @BeforeEach
    void generate() throws IOException {
        capture = TestCaptures.write(dir.resolve("replay.pcap"));
        timestamps = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture.toString())) {
            Frame frame = new Frame();
            while (reader.next(frame)) {
                timestamps.add(frame.timestampNanos);
            }
        }
    }

    @Test
    void speedOne_handsEachFrameOverAtItsOffsetInTheCapture() throws IOException {
        assertPaced(1.0);
    }

    @Test
    void speedTen_handsEachFrameOverAtATenthOfItsOffset() throws IOException {
        assertPaced(10.0);
    }

    private void assertPaced(double speed) throws IOException {
        FakePacer pacer = new FakePacer();
        long start = pacer.now;
        List<Long> deliveredAt = new ArrayList<>();
        ReplaySource source = new ReplaySource(capture.toString(), speed, pacer);

        source.run(frame -> deliveredAt.add(pacer.now));

        assertEquals(timestamps.size(), deliveredAt.size());
        long first = timestamps.get(0);
        for (int i = 0; i < timestamps.size(); i++) {
            long due = start + (long) ((timestamps.get(i) - first) / speed);
            assertEquals(due, deliveredAt.get(i), "frame " + i);
        }
        long duration = timestamps.get(timestamps.size() - 1) - first;
        assertEquals((long) (duration / speed), pacer.now - start, 1);
        assertEquals(CaptureStats.received(timestamps.size()), source.stats());
    }

    @Test
    void slowHandler_catchesUpWithoutSleeping() throws IOException {
        FakePacer pacer = new FakePacer();
        ReplaySource source = new ReplaySource(capture.toString(), 1.0, pacer);

        source.run(frame -> pacer.now += 60_000_000_000L); // each frame takes a minute to handle

        assertTrue(pacer.sleeps.isEmpty(), "slept " + pacer.sleeps);
        assertEquals(timestamps.size(), source.stats().received());
    }

    @Test
    void max_deliversEveryFrameWithoutSleeping() throws IOException {
        FakePacer pacer = new FakePacer();
        List<String> delivered = new ArrayList<>();
        ReplaySource source = new ReplaySource(capture.toString(), ReplaySource.MAX, pacer);

        source.run(frame -> delivered.add(TestCaptures.hex(frame)));

        assertEquals(TestCaptures.frames(capture), delivered);
        assertTrue(pacer.sleeps.isEmpty());
        assertEquals(timestamps.size(), source.stats().received());
    }

    @Test
    void stop_fromTheHandler_endsTheReplayAfterThatFrame() throws IOException {
        ReplaySource source = new ReplaySource(capture.toString(), ReplaySource.MAX);
        long[] seen = {0};

        source.run(frame -> {
            if (++seen[0] == 50) {
                source.stop();
            }
        });

        assertEquals(50, seen[0]);
        assertEquals(50, source.stats().received());
    }

    @Test
    void stop_fromAnotherThread_wakesTheSleepingReplay() throws Exception {
        ReplaySource source = new ReplaySource(capture.toString(), 1.0); // real clock: 7.9 s of capture
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                source.run(frame -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        long begin = System.nanoTime();
        runner.start();
        Thread.sleep(300);
        source.stop();
        runner.join(5_000);

        assertTrue(!runner.isAlive(), "replay still running after stop()");
        assertTrue(System.nanoTime() - begin < 4_000_000_000L, "stop took too long");
        long received = source.stats().received();
        assertTrue(received > 0 && received < timestamps.size(), "delivered " + received);
        assertEquals(null, failure.get());
    }

    @Test
    void speedTen_onTheRealClock_takesAboutATenthOfTheCapture() throws IOException {
        long duration = timestamps.get(timestamps.size() - 1) - timestamps.get(0); // 7.9 s
        ReplaySource source = new ReplaySource(capture.toString(), 10);
        long begin = System.nanoTime();

        source.run(frame -> { });

        long took = System.nanoTime() - begin;
        assertTrue(took >= duration / 10 - 5_000_000, "too fast: " + took + " ns");
        assertTrue(took < duration / 10 + 3_000_000_000L, "too slow: " + took + " ns"); // generous: shared machine
    }

    @Test
    void damagedFile_deliversTheFramesBeforeTheDamageAndThrows() throws IOException {
        byte[] bytes = Files.readAllBytes(capture);
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        ReplaySource source = new ReplaySource(cut.toString(), ReplaySource.MAX);

        assertThrows(CaptureException.class, () -> source.run(frame -> { }));
        assertEquals(timestamps.size() - 1, source.stats().received());
    }

    @Test
    void missingFile_throwsNoSuchFile() {
        ReplaySource source = new ReplaySource(dir.resolve("none.pcap").toString(), 1);
        assertThrows(NoSuchFileException.class, () -> source.run(frame -> { }));
    }

    @Test
    void parseSpeed_readsNumbersAndMax() {
        assertEquals(1.0, ReplaySource.parseSpeed("1"));
        assertEquals(10.0, ReplaySource.parseSpeed("10x"));
        assertEquals(0.5, ReplaySource.parseSpeed("0.5"));
        assertEquals(ReplaySource.MAX, ReplaySource.parseSpeed("MAX"));
        for (String bad : List.of("0", "-2", "fast", "", "Infinity", "NaN")) {
            assertThrows(IllegalArgumentException.class, () -> ReplaySource.parseSpeed(bad), bad);
        }
    }

    @Test
    void describe_namesFileAndSpeed() {
        assertEquals("replay x.pcap at speed 10", new ReplaySource("x.pcap", 10).describe());
        assertEquals("replay x.pcap at max speed", new ReplaySource("x.pcap", ReplaySource.MAX).describe());
    }
}
