package org.cleanpath.capture;

import static org.cleanpath.capture.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cleanpath.capture.Route.Seen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcapReaderTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_700_000_000L;

    private static byte[] threeFrames(ByteOrder order, boolean nanos) {
        return CaptureBytes.pcap(order, nanos, 65535, LinkType.ETHERNET)
                .record(T0, 1, frame(60, 0), 60)
                .record(T0 + 1, 999_999, frame(1514, 1), 1514)
                .record(T0 + 2, 0, frame(0, 2), 0)
                .bytes();
    }

    private void assertThreeFrames(byte[] bytes, Route route, boolean nanos, String format) throws IOException {
        try (CaptureReader reader = route.open(bytes, dir)) {
            assertEquals(format, reader.format());
            List<Seen> seen = Route.readAll(reader);
            assertEquals(3, seen.size());
            assertArrayEquals(frame(60, 0), seen.get(0).data());
            assertArrayEquals(frame(1514, 1), seen.get(1).data());
            assertEquals(0, seen.get(2).data().length);
            long unit = nanos ? 1 : 1000;
            assertEquals(T0 * 1_000_000_000L + unit, seen.get(0).timestampNanos());
            assertEquals((T0 + 1) * 1_000_000_000L + 999_999 * unit, seen.get(1).timestampNanos());
            assertEquals(1514, seen.get(1).originalLength());
            assertEquals(LinkType.ETHERNET, seen.get(1).linkType());
            assertEquals(0, seen.get(1).interfaceId());
            assertEquals(24, seen.get(0).recordOffset());
            assertEquals(24 + 16 + 60, seen.get(1).recordOffset());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsLittleEndianMicrosecondPcap(Route route) throws IOException {
        assertThreeFrames(threeFrames(ByteOrder.LITTLE_ENDIAN, false), route, false,
                "pcap (little-endian, microseconds)");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsBigEndianMicrosecondPcap(Route route) throws IOException {
        assertThreeFrames(threeFrames(ByteOrder.BIG_ENDIAN, false), route, false, "pcap (big-endian, microseconds)");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsLittleEndianNanosecondPcap(Route route) throws IOException {
        assertThreeFrames(threeFrames(ByteOrder.LITTLE_ENDIAN, true), route, true,
                "pcap (little-endian, nanoseconds)");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsBigEndianNanosecondPcap(Route route) throws IOException {
        assertThreeFrames(threeFrames(ByteOrder.BIG_ENDIAN, true), route, true, "pcap (big-endian, nanoseconds)");
    }

    @Test
    void readsSecondsAfter2038AsUnsigned() throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                .record(0xF000_0000L, 0, frame(1, 0), 1).bytes();
        List<Seen> seen = Route.readAll(Route.STREAM.open(bytes, dir));
        assertEquals(0xF000_0000L * 1_000_000_000L, seen.get(0).timestampNanos());
    }

    @Test
    void masksFcsBitsOffTheLinkType() throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 0x4000_0000 | LinkType.LINUX_SLL)
                .record(T0, 0, frame(20, 0), 20).bytes();
        assertEquals(LinkType.LINUX_SLL, Route.readAll(Route.MAPPED.open(bytes, dir)).get(0).linkType());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void acceptsFramesLongerThanTheSnapLength(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, LinkType.ETHERNET)
                .record(T0, 0, frame(8, 0), 64).bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        assertEquals(1, seen.size());
        assertArrayEquals(frame(8, 0), seen.get(0).data());
        assertEquals(64, seen.get(0).originalLength());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsHeaderOnlyPcapAsEmpty(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).bytes();
        assertEquals(0, Route.readAll(route.open(bytes, dir)).size());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void reportsRecordCutShortAfterDeliveringEarlierFrames(Route route) throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                .record(T0, 0, frame(100, 0), 100).record(T0, 1, frame(100, 1), 100);
        int cut = b.size();
        byte[] bytes = b.recordHeader(T0, 2, 500, 500).raw(frame(199, 2)).bytes();
        List<Seen> seen = new ArrayList<>();
        try (CaptureReader reader = route.open(bytes, dir)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Route.readInto(reader, seen));
            assertEquals(cut, e.offset());
            assertTrue(Set.of("capture.pcap", "capture.pcap.gz", "-").contains(e.source()), e.source());
            assertTrue(e.getMessage().endsWith(
                    "record header claims 500 captured bytes but only 199 remain (file cut short?)"), e.getMessage());
            assertFalse(reader.next(new Frame()));
        }
        assertEquals(2, seen.size());
        assertArrayEquals(frame(100, 1), seen.get(1).data());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void reportsFileEndingInsideARecordHeader(Route route) throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 1).record(T0, 0, frame(10, 0), 10);
        int cut = b.size();
        byte[] bytes = b.raw(new byte[] {1}).bytes();
        List<Seen> seen = new ArrayList<>();
        try (CaptureReader reader = route.open(bytes, dir)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Route.readInto(reader, seen));
            assertEquals(cut, e.offset());
            assertTrue(e.getMessage().endsWith("file ends 1 byte into a 16-byte record header (file cut short?)"),
                    e.getMessage());
            assertFalse(reader.next(new Frame()));
        }
        assertEquals(1, seen.size());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void reportsAbsurdCapturedLength(Route route) throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).record(T0, 0, frame(10, 0), 10);
        int cut = b.size();
        byte[] bytes = b.recordHeader(T0, 0, 0x5400_0000, 60).raw(frame(141, 0)).bytes();
        List<Seen> seen = new ArrayList<>();
        try (CaptureReader reader = route.open(bytes, dir)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Route.readInto(reader, seen));
            assertEquals(cut, e.offset());
            // a mapped file knows its size; a stream only knows the claim is beyond any real record
            assertTrue(e.getMessage().contains("record header claims 1409286144 captured bytes"), e.getMessage());
        }
        assertEquals(1, seen.size());
    }

    @Test
    void remapsWhenRecordsCrossTheWindowEndIncludingRecordsLargerThanTheWindow() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        List<byte[]> frames = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            // sizes from 0 to well past the 64-byte window, in an order that crosses every boundary
            frames.add(frame((k * 37) % 301, k));
            b.record(T0 + k, k, frames.get(k), 1000);
        }
        byte[] bytes = b.bytes();
        for (Route route : Route.values()) {
            List<Seen> seen = Route.readAll(route.open(bytes, dir));
            assertEquals(200, seen.size(), route.name());
            for (int k = 0; k < 200; k++) {
                assertArrayEquals(frames.get(k), seen.get(k).data(), route + " frame " + k);
                assertEquals((T0 + k) * 1_000_000_000L + k * 1000L, seen.get(k).timestampNanos());
            }
        }
    }

    @Test
    void windowOffsetsBeyondTwoGibibytesAreExact() throws IOException {
        // A 2 GiB file is too much for a unit test; the same arithmetic (long input offsets, int
        // buffer indexes) is exercised here with a window far smaller than the file.
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        long expectedOffset = 24;
        List<Long> offsets = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            offsets.add(expectedOffset);
            b.record(T0, 0, frame(50 + k, k), 50 + k);
            expectedOffset += 16 + 50 + k;
        }
        Frame frame = new Frame();
        try (CaptureReader reader = CaptureFiles.open(Files.write(dir.resolve("w.pcap"), b.bytes()),
                "w.pcap", 64)) {
            for (int k = 0; k < 50; k++) {
                assertTrue(reader.next(frame));
                assertEquals(offsets.get(k), frame.recordOffset);
                assertTrue(frame.offset + frame.capturedLength <= frame.buffer.limit());
                assertEquals((byte) k, frame.buffer.get(frame.offset));
            }
            assertFalse(reader.next(frame));
        }
    }
}
