package org.cleanpath.attribute.mmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cleanpath.attribute.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written search must answer exactly what MaxMind's own reader answers, and fail cleanly on damage. */
class MmdbSearchTest {
    private static final Path EMBEDDED = Path.of("geodb");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"asn.mmdb", "country.mmdb"})
    void embeddedDatabases_answerLikeMaxMindsReader_on10000Addresses(String name) throws Exception {
        try (Embedded db = Embedded.open(name)) {
            Random random = new Random(20261127);
            int found = 0;
            for (int i = 0; i < 10_000; i++) {
                IpAddress address = i % 4 == 3 ? randomIpv6(random) : IpAddress.ofIpv4(random.nextInt() & 0xFFFF_FFFFL);
                if (db.assertSameRecord(address) != null) found++;
            }
            assertTrue(found > 5_000, "most public addresses have a record, found " + found);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asn.mmdb", "country.mmdb"})
    void manyAddressesPerSlash16_answerLikeMaxMindsReader_afterTheFirstFilledItsShortcut(String name) throws Exception {
        try (Embedded db = Embedded.open(name)) {
            Random random = new Random(16);
            for (int block = 0; block < 2_000; block++) {
                long sixteen = (random.nextInt() & 0xFFFFL) << 16;
                // The /16's edges, then addresses inside it: the first lookup walks and remembers, the rest reuse.
                long[] lows = {0, 0xFFFF, random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000)};
                for (long low : lows) {
                    db.assertSameRecord(IpAddress.ofIpv4(sixteen | low));
                }
            }
        }
    }

    /** An embedded file opened both ways: the hand-written search and MaxMind's reader as the reference. */
    private record Embedded(MmdbSearch search, Reader reference) implements AutoCloseable {
        static Embedded open(String name) throws IOException {
            Path file = EMBEDDED.resolve(name);
            return new Embedded(MmdbSearch.open(file, MmdbMetadata.read(file)), new Reader(file.toFile()));
        }

        /** Checks that both give the same record for the address, and returns the search's. */
        Object assertSameRecord(IpAddress address) throws IOException {
            Object actual = valueAt(search, address);
            assertEquals(normalize(reference.get(address.toInetAddress(), Object.class)), normalize(actual),
                    "record for " + address.toInetAddress());
            return actual;
        }

        @Override
        public void close() throws IOException {
            reference.close();
        }
    }

    @Test
    void twoFilesWalkedTogether_giveEachItsOwnRecord_withTablesFilledFirstOrByTheLookups() throws Exception {
        Path asn = EMBEDDED.resolve("asn.mmdb");
        Path country = EMBEDDED.resolve("country.mmdb");
        Path other = sizedFile(28);
        for (boolean filledFirst : new boolean[] {true, false}) {
            MmdbSearch first = MmdbSearch.open(asn, MmdbMetadata.read(asn));
            MmdbSearch second = MmdbSearch.open(country, MmdbMetadata.read(country));
            MmdbSearch third = MmdbSearch.open(other, MmdbMetadata.read(other));
            if (filledFirst) {
                first.fillTables();
                second.fillTables();
            }
            Random random = new Random(filledFirst ? 1 : 2);
            int bothFound = 0;
            for (int i = 0; i < 20_000; i++) {
                IpAddress address = i % 4 == 3 ? randomIpv6(random) : IpAddress.ofIpv4(random.nextInt() & 0xFFFF_FFFFL);
                long hi = address.hi(), lo = address.lo();
                long both = MmdbSearch.recordOffsets(first, second, hi, lo);
                assertEquals(first.recordOffsetFromRoot(hi, lo), (int) (both >>> 32), "first file, " + address.toInetAddress());
                assertEquals(second.recordOffsetFromRoot(hi, lo), (int) both, "second file, " + address.toInetAddress());
                if ((int) (both >>> 32) >= 0 && (int) both >= 0) bothFound++;
                // Files of other record sizes and tree shapes, in either order.
                long mixed = MmdbSearch.recordOffsets(third, first, hi, lo);
                assertEquals(third.recordOffsetFromRoot(hi, lo), (int) (mixed >>> 32), "28-bit file, " + address.toInetAddress());
                assertEquals(first.recordOffsetFromRoot(hi, lo), (int) mixed, "after the 28-bit file, " + address.toInetAddress());
            }
            assertTrue(bothFound > 10_000, "most addresses have a record in both files, found " + bothFound);
            for (String a : new String[] {"10.1.2.3", "198.51.100.7", "2001:db8::1", "0.0.0.0", "255.255.255.255", "::"}) {
                IpAddress address = IpAddress.parse(a);
                long mixed = MmdbSearch.recordOffsets(first, third, address.hi(), address.lo());
                assertEquals(third.recordOffsetFromRoot(address.hi(), address.lo()), (int) mixed, a);
            }
        }
    }

    @Test
    void twoFilesWalkedTogether_failAsEitherWalkedAlone_onDamagedTrees() throws Exception {
        Path good = EMBEDDED.resolve("asn.mmdb");
        Path country = EMBEDDED.resolve("country.mmdb");
        MmdbMetadata metadata = MmdbMetadata.read(good);
        MmdbSearch intact = MmdbSearch.open(country, MmdbMetadata.read(country));
        byte[] original = Files.readAllBytes(good);
        long treeBytes = metadata.nodeCount() * metadata.recordSize() / 4;
        Random random = new Random(7);
        int failed = 0;
        for (int round = 0; round < 20; round++) {
            byte[] copy = original.clone();
            // Scribble over the whole tree, its start (the root and the levels below it) more densely.
            for (int i = 0; i < 500; i++) {
                int at = random.nextInt(i < 100 ? 800_000 : (int) treeBytes);
                copy[at] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("damaged-pair.mmdb");
            Files.write(file, copy);
            MmdbSearch damaged = MmdbSearch.open(file, metadata);
            for (int i = 0; i < 2_000; i++) {
                IpAddress address = i % 4 == 3 ? randomIpv6(random) : IpAddress.ofIpv4(random.nextInt() & 0xFFFF_FFFFL);
                long hi = address.hi(), lo = address.lo();
                Integer alone;
                try {
                    alone = damaged.recordOffset(hi, lo);
                } catch (IOException e) {
                    alone = null;
                }
                try {
                    long both = MmdbSearch.recordOffsets(damaged, intact, hi, lo);
                    assertEquals(alone, (int) (both >>> 32), "damaged file, " + address.toInetAddress());
                    assertEquals(intact.recordOffset(hi, lo), (int) both, "intact file, " + address.toInetAddress());
                } catch (IOException e) {
                    assertEquals(null, alone, "the pair failed where the damaged file alone did not: " + e.getMessage());
                    failed++;
                } catch (RuntimeException e) {
                    fail("a damaged file must give an IOException, not " + e, e);
                }
            }
        }
        assertTrue(failed > 0, "some lookups met the damage");
    }

    /** A small file of the given record size, with a few IPv4 and IPv6 networks. */
    private Path sizedFile(int recordSize) throws IOException {
        MmdbWriter w = MmdbWriter.builder("Test-Sized").recordSize(recordSize).build();
        w.insertIpv4Range(0x0A000000L, 0x0AFFFFFFL, Map.of("n", "ten"));
        w.insertIpv4Range(0xC6336400L, 0xC63364FFL, Map.of("n", "documentation"));
        w.insertIpv4Range(0x08080800L, 0x080808FFL, Map.of("n", "eight"));
        w.insertIpv6Range(new BigInteger("20010db8000000000000000000000000", 16),
                new BigInteger("20010db8ffffffffffffffffffffffff", 16), Map.of("n", "six"));
        Path file = dir.resolve("sized-" + recordSize + ".mmdb");
        w.write(file);
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void everyRecordSize_andEveryDataType_decodeLikeMaxMindsReader(int recordSize) throws Exception {
        MmdbWriter w = MmdbWriter.builder("Test-Types").recordSize(recordSize).build();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("string", "Zürich \u2028 line");
        record.put("u16", MmdbValue.u16(65_535));
        record.put("u32", MmdbValue.u32(4_294_967_295L));
        record.put("double", 12.5);
        record.put("bool", true);
        record.put("array", List.of("a", "b", MmdbValue.u32(7)));
        record.put("nested", Map.of("iso_code", "CH", "names", Map.of("en", "Switzerland")));
        w.insertIpv4Range(0x0A000000L, 0x0AFFFFFFL, record);
        w.insertIpv4Range(0xC6336400L, 0xC63364FFL, Map.of("autonomous_system_number", MmdbValue.u32(64_496),
                "autonomous_system_organization", "Documentation AS"));
        w.insertIpv6Range(new BigInteger("20010db8000000000000000000000000", 16),
                new BigInteger("20010db8ffffffffffffffffffffffff", 16), record);
        Path file = dir.resolve("types-" + recordSize + ".mmdb");
        w.write(file);

        MmdbSearch search = MmdbSearch.open(file, MmdbMetadata.read(file));
        try (Reader reference = new Reader(file.toFile())) {
            for (String a : new String[] {"10.0.0.0", "10.200.3.4", "10.255.255.255", "11.0.0.0", "9.255.255.255",
                    "198.51.100.7", "198.51.101.0", "2001:db8::1", "2001:db8:ffff::", "2001:db9::", "::1"}) {
                IpAddress address = IpAddress.parse(a);
                assertEquals(normalize(reference.get(InetAddress.getByName(a), Object.class)),
                        normalize(valueAt(search, address)), "record for " + a + " at record size " + recordSize);
            }
        }
    }

    @Test
    void damagedDataSection_givesIoExceptionsNeverAnotherFailure() throws Exception {
        Path good = EMBEDDED.resolve("asn.mmdb");
        MmdbMetadata metadata = MmdbMetadata.read(good);
        byte[] original = Files.readAllBytes(good);
        long treeBytes = metadata.nodeCount() * metadata.recordSize() / 4;
        Random random = new Random(6);
        int damaged = 0;
        for (int round = 0; round < 40; round++) {
            byte[] copy = original.clone();
            // Scribble over the search tree's tail and the start of the data section.
            for (int i = 0; i < 2_000; i++) {
                int at = (int) (treeBytes - 20_000 + random.nextInt(60_000));
                copy[at] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("damaged.mmdb");
            Files.write(file, copy);
            MmdbSearch search = MmdbSearch.open(file, metadata);
            for (int i = 0; i < 2_000; i++) {
                IpAddress address = IpAddress.ofIpv4(random.nextInt() & 0xFFFF_FFFFL);
                try {
                    valueAt(search, address);
                } catch (IOException expected) {
                    damaged++;
                } catch (RuntimeException e) {
                    fail("a damaged file must give an IOException, not " + e, e);
                }
            }
        }
        assertTrue(damaged > 0, "some lookups met the damage");
    }

    @Test
    void truncatedFile_isRefusedAtOpen() throws Exception {
        Path good = EMBEDDED.resolve("country.mmdb");
        MmdbMetadata metadata = MmdbMetadata.read(good);
        Path cut = dir.resolve("cut.mmdb");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(good), 1_000));
        try {
            MmdbSearch.open(cut, metadata);
            fail("a tree larger than the file must be refused");
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("larger than the file"), e.getMessage());
        }
    }

    private static Object valueAt(MmdbSearch search, IpAddress address) throws IOException {
        int offset = search.recordOffset(address.hi(), address.lo());
        return offset < 0 ? null : search.decode(offset);
    }

    private static IpAddress randomIpv6(Random random) {
        // Mostly inside 2000::/3, where the allocated space is.
        long hi = (0x2000_0000_0000_0000L | (random.nextLong() >>> 3)) & (random.nextInt(8) == 0 ? -1L : 0x2FFF_FFFF_FFFF_FFFFL);
        return new IpAddress(hi, random.nextLong());
    }

    /** MaxMind's reader gives Integer, Long or BigInteger by type width; compare numbers by value. */
    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return BigInteger.valueOf(((Number) v).longValue());
        return v;
    }
}
