package org.cleanpath.capture;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.cleanpath.capture.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cleanpath.capture.CaptureBytes.Body;
import org.cleanpath.capture.Route.Seen;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcapngReaderTest {
    @TempDir
    Path dir;

    private static final long T0_MICROS = 1_700_000_000_123_456L;

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsLittleEndianPcapng(Route route) throws IOException {
        readsOneSection(LITTLE_ENDIAN, route, "pcapng (little-endian)");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsBigEndianPcapng(Route route) throws IOException {
        readsOneSection(BIG_ENDIAN, route, "pcapng (big-endian)");
    }

    private void readsOneSection(ByteOrder order, Route route, String format) throws IOException {
        byte[] bytes = CaptureBytes.pcapng(order).interfaceBlock(LinkType.ETHERNET)
                .enhancedPacket(0, T0_MICROS, frame(61, 0), 61)
                .enhancedPacket(0, T0_MICROS + 1, frame(1514, 1), 9000)
                .bytes();
        try (CaptureReader reader = route.open(bytes, dir)) {
            assertEquals(format, reader.format());
            List<Seen> seen = Route.readAll(reader);
            assertEquals(2, seen.size());
            assertArrayEquals(frame(61, 0), seen.get(0).data());
            assertArrayEquals(frame(1514, 1), seen.get(1).data());
            assertEquals(9000, seen.get(1).originalLength());
            assertEquals(T0_MICROS * 1000, seen.get(0).timestampNanos());
            assertEquals((T0_MICROS + 1) * 1000, seen.get(1).timestampNanos());
            assertEquals(LinkType.ETHERNET, seen.get(0).linkType());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsSectionsThatSwitchByteOrderAndResetInterfaces(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcapng(LITTLE_ENDIAN)
                .interfaceBlock(LinkType.NULL).interfaceBlock(LinkType.ETHERNET)
                .enhancedPacket(1, 10, frame(30, 1), 30)
                .enhancedPacket(0, 11, frame(31, 2), 31)
                .section(BIG_ENDIAN)
                .interfaceBlock(LinkType.LINUX_SLL)
                .enhancedPacket(0, 12, frame(32, 3), 32)
                .section(LITTLE_ENDIAN)
                .interfaceBlock(LinkType.RAW)
                .enhancedPacket(0, 13, frame(33, 4), 33)
                .bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        assertEquals(4, seen.size());
        int[] linkTypes = {LinkType.ETHERNET, LinkType.NULL, LinkType.LINUX_SLL, LinkType.RAW};
        int[] interfaces = {1, 0, 0, 0};
        for (int k = 0; k < 4; k++) {
            assertEquals(linkTypes[k], seen.get(k).linkType(), "frame " + k);
            assertEquals(interfaces[k], seen.get(k).interfaceId(), "frame " + k);
            assertEquals((10 + k) * 1000L, seen.get(k).timestampNanos(), "frame " + k);
            assertArrayEquals(frame(30 + k, k + 1), seen.get(k).data());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM"})
    void convertsTimestampsByEachInterfacesResolutionAndOffset(Route route) throws IOException {
        long seconds = 1_700_000_000L;
        byte[] bytes = CaptureBytes.pcapng(BIG_ENDIAN)
                .interfaceBlock(LinkType.ETHERNET, 0, null, null) // default: microseconds
                .interfaceBlock(LinkType.ETHERNET, 0, 9, null) // 10^-9
                .interfaceBlock(LinkType.ETHERNET, 0, 0x80 | 20, null) // 2^-20
                .interfaceBlock(LinkType.ETHERNET, 0, 3, 1_000_000_000L) // ms since the offset
                .interfaceBlock(LinkType.ETHERNET, 0, 12, null) // picoseconds
                .interfaceBlock(LinkType.ETHERNET, 0, 0x80 | 40, -10L) // 2^-40, offset back
                .enhancedPacket(0, seconds * 1_000_000 + 7, frame(1, 0), 1)
                .enhancedPacket(1, seconds * 1_000_000_000 + 7, frame(1, 0), 1)
                .enhancedPacket(2, (seconds << 20) | (1 << 19), frame(1, 0), 1)
                .enhancedPacket(3, 700_000_000_005L, frame(1, 0), 1)
                .enhancedPacket(4, 1_000_000_000_999_999L, frame(1, 0), 1)
                .enhancedPacket(5, (100L << 40) | (3L << 38), frame(1, 0), 1)
                .bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        long[] expected = {
            seconds * 1_000_000_000 + 7_000,
            seconds * 1_000_000_000 + 7,
            seconds * 1_000_000_000 + 500_000_000,
            1_700_000_000_005_000_000L,
            1_000_000_000_999L,
            90 * 1_000_000_000L + 750_000_000,
        };
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], seen.get(k).timestampNanos(), "interface " + k);
            assertEquals(k, seen.get(k).interfaceId());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void cutsSimplePacketsToSnapLengthAndBlockRoom(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcapng(LITTLE_ENDIAN)
                .interfaceBlock(LinkType.ETHERNET, 64, null, null)
                .enhancedPacket(0, 42, frame(10, 0), 10)
                .simplePacket(frame(64, 1), 1500) // cut by the snap length
                .simplePacket(frame(21, 2), 21) // padded: the original length says where it ends
                .simplePacket(frame(20, 3), 40) // the block holds less than the original length
                .bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        assertEquals(4, seen.size());
        assertArrayEquals(frame(64, 1), seen.get(1).data());
        assertEquals(1500, seen.get(1).originalLength());
        assertArrayEquals(frame(21, 2), seen.get(2).data());
        assertArrayEquals(frame(20, 3), seen.get(3).data());
        assertEquals(42_000, seen.get(3).timestampNanos());
        assertEquals(0, seen.get(3).interfaceId());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void skipsBlocksThatHoldNoPackets(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcapng(BIG_ENDIAN)
                .block(0x00000BAD, new byte[] {0, 0, 0x7e, 0x75, 1, 2, 3, 4}) // custom, copyable
                .interfaceBlock(LinkType.ETHERNET)
                .block(4, new byte[] {0, 0, 0, 0}) // name resolution: end of records
                .enhancedPacket(0, 1, frame(14, 0), 14)
                .block(5, new byte[12]) // interface statistics
                .block(0x0000000A, new byte[] {0x54, 0x4c, 0x53, 0x4b, 0, 0, 0, 0}) // decryption secrets
                .block(0x40000BAD, new byte[] {0, 0, 0x7e, 0x75}) // custom, do not copy
                .block(0x12345, new byte[0]) // a type we do not know
                .enhancedPacket(0, 2, frame(15, 1), 15)
                .bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        assertEquals(2, seen.size());
        assertArrayEquals(frame(15, 1), seen.get(1).data());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void readsSectionWithoutPacketsAsEmpty(Route route) throws IOException {
        byte[] bytes = CaptureBytes.pcapng(LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET).bytes();
        assertEquals(0, Route.readAll(route.open(bytes, dir)).size());
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM"})
    void readsObsoletePacketBlock(Route route) throws IOException {
        Body body = new Body(LITTLE_ENDIAN).u16(0).u16(0).u32(0).u32(5).u32(3).u32(3).raw(frame(3, 0)).pad();
        byte[] bytes = CaptureBytes.pcapng(LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET).block(2, body).bytes();
        List<Seen> seen = Route.readAll(route.open(bytes, dir));
        assertArrayEquals(frame(3, 0), seen.get(0).data());
        assertEquals(5000, seen.get(0).timestampNanos());
    }

    /**
     * Reads one good packet followed by what {@code damage} appends, and checks that the packet
     * arrives, then a report at the offset where the damage starts that ends with {@code problem}.
     */
    private void assertDamageAfterOnePacket(Route route, UnaryOperator<CaptureBytes> damage, String problem)
            throws IOException {
        CaptureBytes b = CaptureBytes.pcapng(LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET)
                .enhancedPacket(0, 1, frame(9, 0), 9);
        int at = b.size();
        byte[] bytes = damage.apply(b).bytes();
        List<Seen> seen = new ArrayList<>();
        try (CaptureReader reader = route.open(bytes, dir)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Route.readInto(reader, seen));
            assertFalse(reader.next(new Frame()));
            assertEquals(1, seen.size());
            assertEquals(at, e.offset());
            assertTrue(e.getMessage().endsWith(problem), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsBlockLengthThatIsNotAMultipleOfFour(Route route) throws IOException {
        assertDamageAfterOnePacket(route, b -> b.u32(6).u32(34).raw(new byte[26]),
                "block total length 34 is not a multiple of 4 of at least 12 bytes");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsBlockLengthBelowTwelve(Route route) throws IOException {
        assertDamageAfterOnePacket(route, b -> b.u32(6).u32(8).u32(8),
                "block total length 8 is not a multiple of 4 of at least 12 bytes");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void rejectsTrailingLengthThatDiffersFromTheLeadingOne(Route route) throws IOException {
        assertDamageAfterOnePacket(route, b -> b.u32(0x12345).u32(16).u32(0).u32(20),
                "block total length is 16 at the start but 20 at the end");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void reportsBlockCutShort(Route route) throws IOException {
        // an EPB of 12 + 20 + 100 + 20 (comment option) = 152 bytes, of which 30 are missing
        assertDamageAfterOnePacket(route, b -> b.u32(6).u32(152).raw(new byte[114]),
                "block header claims 152 bytes but only 122 remain (file cut short?)");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void reportsFileEndingInsideABlockHeader(Route route) throws IOException {
        assertDamageAfterOnePacket(route, b -> b.u32(6).u16(0),
                "file ends 6 bytes into a 12-byte block header (file cut short?)");
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM"})
    void reportsPacketClaimingMoreBytesThanItsBlockHolds(Route route) throws IOException {
        Body body = new Body(LITTLE_ENDIAN).u32(0).u32(0).u32(1).u32(500).u32(500).raw(frame(8, 0));
        assertDamageAfterOnePacket(route, b -> b.block(6, body),
                "enhanced packet block of 40 bytes cannot hold the 500 captured bytes it claims");
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM"})
    void reportsPacketOnAnInterfaceTheSectionDoesNotDescribe(Route route) throws IOException {
        assertDamageAfterOnePacket(route, b -> b.enhancedPacket(3, 1, frame(4, 0), 4),
                "packet names interface 3 but its section describes only 1 interface(s)");
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"MAPPED", "STREAM"})
    void rejectsSectionHeaderWithUnknownByteOrderMagic(Route route) throws IOException {
        // written little-endian, so the magic reads back byte-swapped
        assertDamageAfterOnePacket(route, b -> b.u32(0x0A0D0D0A).u32(28).u32(0x11223344).u32(0).u32(0).u32(0).u32(28),
                "section header byte-order magic is 0x44332211, expected 0x1a2b3c4d in either byte order");
    }
}
