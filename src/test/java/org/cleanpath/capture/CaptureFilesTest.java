package org.cleanpath.capture;

import static org.cleanpath.capture.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaptureFilesTest {
    @TempDir
    Path dir;

    private String notCaptureMessage(byte[] bytes, Route route) {
        CaptureException e = assertThrows(CaptureException.class, () -> route.open(bytes, dir).close());
        assertEquals(0, e.offset());
        return e.getMessage();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsTextFileAsNotACapture(Route route) {
        byte[] text = "4561 packets were captured\n".getBytes(StandardCharsets.US_ASCII);
        String message = notCaptureMessage(text, route);
        assertEquals(": at byte offset 0: not a pcap or pcapng file (magic 0x34353631)",
                message.substring(message.indexOf(':')));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsEmptyInput(Route route) {
        String message = notCaptureMessage(new byte[0], route);
        assertEquals(": at byte offset 0: not a pcap or pcapng file (empty)", message.substring(message.indexOf(':')));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsInputShorterThanThePcapHeader(Route route) {
        byte[] bytes = new byte[10];
        System.arraycopy(CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, 0, 1).bytes(), 0, bytes, 0, 10);
        String message = notCaptureMessage(bytes, route);
        assertEquals(": at byte offset 0: not a pcap or pcapng file (magic 0xa1b2c3d4, but only 10 of the 24 header bytes)",
                message.substring(message.indexOf(':')));
    }

    @Test
    void rejectsSolarisSnoop() {
        byte[] snoop = "snoop\0\0\0\0\0\0\2\0\0\0\4".getBytes(StandardCharsets.ISO_8859_1);
        String message = notCaptureMessage(snoop, Route.MAPPED);
        assertEquals("capture.pcap: at byte offset 0: not a pcap or pcapng file (magic 0x736e6f6f)", message);
    }

    @Test
    void detectsPcapngInAFileNamedPcap() throws IOException {
        byte[] bytes = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET)
                .enhancedPacket(0, 5, frame(40, 0), 40).bytes();
        try (CaptureReader reader = Route.MAPPED.open(bytes, dir)) {
            assertEquals("pcapng (little-endian)", reader.format());
            assertEquals(1, Route.readAll(reader).size());
        }
    }

    @Test
    void readsGzipInsideGzipAsNotACapture() {
        byte[] twice = Route.gzip(Route.gzip(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 1).bytes()));
        String message = notCaptureMessage(twice, Route.STREAM);
        assertEquals(true, message.contains("not a pcap or pcapng file (magic 0x1f8b"), message);
    }

    @Test
    void reportsDamagedGzipAsDamage() {
        byte[] gz = Route.gzip(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 1)
                .record(1, 0, frame(5000, 0), 5000).bytes());
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertThrows(CaptureException.class,
                () -> Route.readAll(CaptureFiles.open("cut.gz", new ByteArrayInputStream(cut))));
    }

    @Test
    void namesTheMissingFile() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> CaptureFiles.open(dir.resolve("nope.pcap").toString()));
        assertEquals(dir.resolve("nope.pcap") + ": no such file", e.getMessage());
    }

    @Test
    void rejectsADirectory() {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureFiles.open(dir.toString()));
        assertEquals(dir + ": at byte offset 0: a directory, not a pcap or pcapng file", e.getMessage());
    }

    @Test
    void opensAPathByName() throws IOException {
        Path file = Files.write(dir.resolve("named.pcap"),
                CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 1).record(1, 0, frame(5, 0), 5).bytes());
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            assertEquals(file.toString(), reader.source());
            assertEquals(1, Route.readAll(reader).size());
        }
    }
}
