package org.cleanpath.capture;

import static org.cleanpath.capture.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cut or scribbled-over captures may only ever end cleanly or with a CaptureException. */
class DamageFuzzTest {
    @TempDir
    Path dir;

    private static byte[] pcapng() {
        return CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkType.ETHERNET, 100, 9, 5L)
                .enhancedPacket(0, 1, frame(70, 0), 70)
                .block(4, new byte[8])
                .simplePacket(frame(33, 1), 90)
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(LinkType.RAW, 0, 0x80 | 10, null)
                .interfaceBlock(LinkType.LINUX_SLL)
                .enhancedPacket(1, 2, frame(41, 2), 41)
                .enhancedPacket(0, 3, frame(3, 3), 3)
                .bytes();
    }

    private static byte[] pcap() {
        return CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 1)
                .record(1, 2, frame(70, 0), 70)
                .record(3, 4, frame(0, 1), 0)
                .record(5, 6, frame(90, 2), 100)
                .bytes();
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED_TINY_WINDOW", "STREAM_TINY_BUFFER"})
    void everyTruncationEndsCleanlyOrWithACaptureException(Route route) throws IOException {
        for (byte[] whole : new byte[][] {pcapng(), pcap()}) {
            for (int length = 0; length <= whole.length; length++) {
                readWithoutSurprises(Arrays.copyOf(whole, length), route);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM_TINY_BUFFER"})
    void scribbledBytesEndCleanlyOrWithACaptureException(Route route) throws IOException {
        Random random = new Random(20261127);
        for (byte[] whole : new byte[][] {pcapng(), pcap()}) {
            for (int trial = 0; trial < 300; trial++) {
                byte[] bytes = whole.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                readWithoutSurprises(bytes, route);
            }
        }
    }

    private void readWithoutSurprises(byte[] bytes, Route route) throws IOException {
        Frame frame = new Frame();
        try (CaptureReader reader = route.open(bytes, dir)) {
            while (reader.next(frame)) {
                assertTrue(frame.capturedLength >= 0
                        && frame.offset + frame.capturedLength <= frame.buffer.limit(), "frame inside its buffer");
            }
        } catch (CaptureException expected) {
            // damage reported as damage: what we ask for
        }
    }
}
