package org.cleanpath.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cleanpath.capture.LinkType;
import org.cleanpath.capture.PcapWriter;
import org.cleanpath.capture.PcapngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    private static final long TS = 1_767_603_600_123_456_789L; // 2026-01-05T09:00:00.123456789Z
    private static final byte[] FRAME = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @TempDir
    Path dir;

    @Test
    void globalHeader_isLittleEndianVersion24WithSnaplenAndLinkType() throws IOException {
        Path file = dir.resolve("a.pcap");
        PcapWriter.create(file, LinkType.RAW, 1500, false).close();

        ByteBuffer header = read(file);
        assertEquals(24, header.limit());
        assertEquals(0xa1b2c3d4, header.getInt(0));
        assertEquals(2, header.getShort(4));
        assertEquals(4, header.getShort(6));
        assertEquals(0, header.getInt(8));
        assertEquals(1500, header.getInt(16));
        assertEquals(LinkType.RAW, header.getInt(20));
    }

    @Test
    void microsecondRecord_truncatesTheFraction() throws IOException {
        Path file = dir.resolve("us.pcap");
        try (PcapWriter out = PcapWriter.create(file)) {
            out.write(TS, FRAME);
        }
        ByteBuffer pcap = read(file);
        assertEquals(1_767_603_600, pcap.getInt(24));
        assertEquals(123_456, pcap.getInt(28));
        assertEquals(10, pcap.getInt(32));
        assertEquals(10, pcap.getInt(36));
        assertArrayEquals(FRAME, slice(pcap, 40, 10));
    }

    @Test
    void nanosecondFile_hasItsMagicAndKeepsEveryNanosecond() throws IOException {
        Path file = dir.resolve("ns.pcap");
        try (PcapWriter out = PcapWriter.create(file, LinkType.ETHERNET, 65535, true)) {
            out.write(TS, FRAME);
        }
        ByteBuffer pcap = read(file);
        assertEquals(0xa1b23c4d, pcap.getInt(0));
        assertEquals(1_767_603_600, pcap.getInt(24));
        assertEquals(123_456_789, pcap.getInt(28));
    }

    @Test
    void frameLongerThanSnaplen_isCutButKeepsItsOriginalLength() throws IOException {
        Path file = dir.resolve("snap.pcap");
        try (PcapWriter out = PcapWriter.create(file, LinkType.ETHERNET, 4, false)) {
            out.write(TS, FRAME, 2, 8, 60);
        }
        ByteBuffer pcap = read(file);
        assertEquals(4, pcap.getInt(32));
        assertEquals(60, pcap.getInt(36));
        assertArrayEquals(new byte[] {3, 4, 5, 6}, slice(pcap, 40, 4));
        assertEquals(44, pcap.limit());
    }

    @Test
    void directBuffer_isReadAtTheGivenOffsetWithoutMovingIt() throws IOException {
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(new byte[] {9, 9, 9, 1, 2, 3, 9});
        direct.position(5);
        Path file = dir.resolve("direct.pcap");
        try (PcapWriter out = PcapWriter.create(file)) {
            out.write(TS, direct, 3, 3, 3);
        }
        assertEquals(5, direct.position());
        assertArrayEquals(new byte[] {1, 2, 3}, slice(read(file), 40, 3));
    }

    @Test
    void unfinishedFile_existsOnlyUnderATemporaryName() throws IOException {
        Path file = dir.resolve("evidence.pcap");
        PcapWriter out = PcapWriter.create(file);
        out.write(TS, FRAME);
        assertFalse(Files.exists(file));
        assertEquals(1, listing().size());
        assertTrue(listing().get(0).getFileName().toString().startsWith(".evidence.pcap."));

        out.close();
        assertTrue(Files.exists(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void abort_leavesNoFileAndKeepsAnEarlierOne() throws IOException {
        Path file = dir.resolve("keep.pcap");
        Files.write(file, new byte[] {42});
        PcapWriter out = PcapWriter.create(file);
        out.write(TS, FRAME);
        out.abort();
        out.close();
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void close_replacesAnEarlierFile() throws IOException {
        Path file = dir.resolve("again.pcap");
        Files.write(file, new byte[] {42});
        PcapWriter.create(file).close();
        assertEquals(24, Files.size(file));
    }

    @Test
    void pcapng_hasSectionInterfaceAndEnhancedPacketBlocks() throws IOException {
        Path file = dir.resolve("a.pcapng");
        try (PcapngWriter out = PcapngWriter.create(file, LinkType.ETHERNET, 262144, true, "test")) {
            out.write(TS, FRAME);
        }
        ByteBuffer ng = read(file);
        assertEquals(0x0A0D0D0A, ng.getInt(0));
        int shbLength = ng.getInt(4);
        assertEquals(0x1A2B3C4D, ng.getInt(8));
        assertEquals(shbLength, ng.getInt(shbLength - 4));
        int idb = shbLength;
        assertEquals(1, ng.getInt(idb));
        int idbLength = ng.getInt(idb + 4);
        assertEquals(LinkType.ETHERNET, ng.getShort(idb + 8));
        assertEquals(262144, ng.getInt(idb + 12));
        assertEquals(9, ng.getShort(idb + 16)); // if_tsresol
        assertEquals(9, ng.get(idb + 20)); // 10^-9
        int epb = idb + idbLength;
        assertEquals(6, ng.getInt(epb));
        assertEquals(44, ng.getInt(epb + 4));
        long units = ((long) ng.getInt(epb + 12) << 32) | (ng.getInt(epb + 16) & 0xffff_ffffL);
        assertEquals(TS, units);
        assertEquals(10, ng.getInt(epb + 20));
        assertArrayEquals(FRAME, slice(ng, epb + 28, 10));
        assertEquals(44, ng.getInt(epb + 40));
        assertEquals(epb + 44, ng.limit());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static ByteBuffer read(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] slice(ByteBuffer buffer, int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }
}
