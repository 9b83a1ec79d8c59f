package org.cleanpath.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures real frames: a veth pair whose far end sits in a network namespace of its own, with
 * tcpreplay sending a generated capture into it. Runs only as root with ip and tcpreplay installed.
 */
class LiveCaptureNamespaceTest {
    @TempDir
    Path tmp;
    Path capture;
    List<String> fileFrames;

    String namespace;
    String near;
    String far;

    @BeforeEach
    void createVethPair() throws Exception {
        assumeTrue(Shell.isRoot(), "needs root for namespaces and capture");
        assumeTrue(Shell.onPath("ip") && Shell.onPath("tcpreplay"), "needs ip (iproute2) and tcpreplay");
        capture = TestCaptures.write(tmp.resolve("sent.pcap"));
        fileFrames = TestCaptures.frames(capture);

        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2); // 6 hex digits
        namespace = "cp-test-" + id;
        near = "cpa" + id; // interface names are at most 15 characters
        far = "cpb" + id;
        try {
            Shell.run("ip", "netns", "add", namespace);
            Shell.run("ip", "link", "add", near, "type", "veth", "peer", "name", far);
            Shell.run("ip", "link", "set", far, "netns", namespace);
            // no IPv6 on either end: otherwise the kernel's own neighbour and MLD packets join the capture
            Shell.run("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/" + near + "/disable_ipv6");
            Shell.run("ip", "netns", "exec", namespace, "sh", "-c",
                    "echo 1 > /proc/sys/net/ipv6/conf/" + far + "/disable_ipv6");
            Shell.run("ip", "link", "set", near, "mtu", "9000", "up");
            Shell.run("ip", "-n", namespace, "link", "set", far, "mtu", "9000", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            removeVethPair();
            throw e;
        }
    }

    @AfterEach
    void removeVethPair() {
        if (namespace != null) {
            Shell.quietly("ip", "link", "del", near); // takes its peer with it
            Shell.quietly("ip", "netns", "del", namespace);
        }
    }

    /** Frames received by a capture running on its own thread, as hex. */
    private final class Receiver implements AutoCloseable {
        final LiveCapture capture;
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> linkTypes = Collections.synchronizedList(new ArrayList<>());
        final List<Long> timestamps = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Receiver(LiveOptions options, FrameHandler extra) throws LiveCaptureException {
            capture = LiveCapture.open(options);
            thread = new Thread(() -> {
                try {
                    capture.run(frame -> {
                        frames.add(TestCaptures.hex(frame));
                        linkTypes.add(frame.linkType);
                        timestamps.add(frame.timestampNanos);
                        assertEquals(frame.capturedLength, frame.originalLength);
                        extra.onFrame(frame);
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "capture " + options.interfaceName());
            thread.start();
        }

        /** Waits until {@code count} frames arrived (or 10 s), then a little longer for strays, then stops. */
        void awaitAndStop(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (frames.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            capture.stop();
            thread.join(5_000);
            assertFalse(thread.isAlive(), "capture did not stop");
        }

        @Override
        public void close() {
            capture.close();
        }
    }

    private void replay() throws Exception {
        Shell.run("ip", "netns", "exec", namespace, "tcpreplay", "-q", "-i", far, "--topspeed", capture.toString());
    }

    /** Equal as multisets of frames (the order on the wire may differ); a short message if not. */
    private static void assertSameFrames(List<String> expected, List<String> actual) {
        Map<String, Long> want = counted(expected);
        Map<String, Long> got = counted(actual);
        if (!want.equals(got)) {
            long missing = want.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0L))).sum();
            long extra = got.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - want.getOrDefault(e.getKey(), 0L))).sum();
            String firstExtra = got.keySet().stream().filter(k -> !want.containsKey(k)).findFirst()
                    .map(k -> k.substring(0, Math.min(120, k.length()))).orElse("none");
            throw new AssertionError("captured " + actual.size() + " frames, expected " + expected.size() + ": " + missing
                    + " missing, " + extra + " unexpected (first unexpected: " + firstExtra + ")");
        }
    }

    private static Map<String, Long> counted(List<String> frames) {
        return frames.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void capturesEveryFrameSentIntoTheInterface() throws Exception {
        assertCapturesEveryFrame(LiveOptions.builder(near).build());
    }

    @Test
    void immediateMode_withTheDefaultBuffer_capturesEveryFrame() throws Exception {
        assertCapturesEveryFrame(LiveOptions.builder(near).immediate(true).build());
    }

    private void assertCapturesEveryFrame(LiveOptions options) throws Exception {
        long before = System.currentTimeMillis() * 1_000_000L;
        try (Receiver receiver = new Receiver(options, frame -> { })) {
            replay();
            receiver.awaitAndStop(fileFrames.size());

            assertNull(receiver.failure.get());
            assertSameFrames(fileFrames, receiver.frames);
            assertTrue(receiver.linkTypes.stream().allMatch(t -> t == LinkType.ETHERNET));
            assertTrue(receiver.timestamps.stream().allMatch(t -> t >= before - 1_000_000_000L
                    && t <= System.currentTimeMillis() * 1_000_000L), "timestamps are capture times");
            CaptureStats stats = receiver.capture.stats();
            assertTrue(stats.received() >= fileFrames.size(), stats.toString());
            assertTrue(stats.droppedByKernel() >= 0 && stats.droppedByInterface() >= 0, stats.toString());
            assertEquals("live " + near, receiver.capture.describe());
        }
    }

    @Test
    void filter_selectsExactlyTheMatchingFrames() throws Exception {
        List<String> expected = fileFrames.stream().filter(LiveCaptureNamespaceTest::isVlanGtpU).toList();
        assertTrue(!expected.isEmpty() && expected.size() < fileFrames.size());
        LiveOptions options = LiveOptions.builder(near).filter("vlan and udp port 2152").build();

        try (Receiver receiver = new Receiver(options, frame -> { })) {
            replay();
            receiver.awaitAndStop(expected.size());

            assertNull(receiver.failure.get());
            assertSameFrames(expected, receiver.frames);
            assertEquals("live " + near + " (filter: vlan and udp port 2152)", receiver.capture.describe());
        }
    }

    /** By hand, what "vlan and udp port 2152" means: one 802.1Q tag, then IPv4 or IPv6 carrying UDP 2152. */
    private static boolean isVlanGtpU(String hex) {
        byte[] f = HexFormat.of().parseHex(hex);
        if (f.length < 18 || u16(f, 12) != 0x8100) {
            return false;
        }
        int l3 = 18;
        int l4;
        if (u16(f, 16) == 0x0800 && f[l3 + 9] == 17) {
            l4 = l3 + (f[l3] & 0x0F) * 4;
        } else if (u16(f, 16) == 0x86DD && f[l3 + 6] == 17) {
            l4 = l3 + 40;
        } else {
            return false;
        }
        return u16(f, l4) == 2152 || u16(f, l4 + 2) == 2152;
    }

    private static int u16(byte[] f, int at) {
        return (f[at] & 0xFF) << 8 | (f[at + 1] & 0xFF);
    }

    @Test
    void handlerException_stopsTheCaptureAndComesOutOfRun() throws Exception {
        IllegalStateException boom = new IllegalStateException("handler failed");
        try (Receiver receiver = new Receiver(LiveOptions.builder(near).build(), frame -> {
            throw boom;
        })) {
            replay();
            receiver.thread.join(10_000);

            assertFalse(receiver.thread.isAlive(), "capture still running after the handler threw");
            assertSame(boom, receiver.failure.get());
            assertEquals(1, receiver.frames.size());
        }
    }

    @Test
    void stopBeforeRun_returnsAtOnce() throws Exception {
        try (LiveCapture live = LiveCapture.open(LiveOptions.builder(near).build())) {
            live.stop();
            live.run(frame -> { throw new AssertionError("no frame expected"); });
            assertTrue(live.stats().received() >= 0);
        }
    }

    @Test
    void runTwiceAtOnce_isRefused() throws Exception {
        try (Receiver receiver = new Receiver(LiveOptions.builder(near).build(), frame -> { })) {
            Thread.sleep(200);
            assertThrows(IllegalStateException.class, () -> receiver.capture.run(frame -> { }));
            receiver.awaitAndStop(0);
        }
    }
}
