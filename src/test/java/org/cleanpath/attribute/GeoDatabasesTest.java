package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cleanpath.attribute.mmdb.MmdbMetadata;
import org.cleanpath.attribute.mmdb.MmdbValue;
import org.cleanpath.attribute.mmdb.MmdbWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDatabasesTest {
    @TempDir
    Path dir;

    private static final long GOOGLE_DNS = 0x08080800L;

    /** A small GeoLite2-ASN layout file with 8.8.8.0/24 only. */
    private Path asnFile(String name) throws Exception {
        MmdbWriter w = MmdbWriter.builder("GeoLite2-ASN").build();
        w.insertIpv4Range(GOOGLE_DNS, GOOGLE_DNS + 255, Map.of("autonomous_system_number", MmdbValue.u32(15169),
                "autonomous_system_organization", "Google LLC"));
        Path file = dir.resolve(name);
        w.write(file);
        return file;
    }

    /** A file in ip-location-db's own mmdb style: a flat country_code, no GeoIP2 database type. */
    private Path flatCountryFile(String name) throws Exception {
        MmdbWriter w = MmdbWriter.builder("ip-location-db-geo-whois-asn-country").build();
        w.insertIpv4Range(GOOGLE_DNS, GOOGLE_DNS + 255, Map.of("country_code", "US"));
        Path file = dir.resolve(name);
        w.write(file);
        return file;
    }

    @Test
    void filesCombine_asnFromOneAndCountryFromAnother() throws Exception {
        asnFile("a-asn.mmdb");
        flatCountryFile("b-country.mmdb");
        try (GeoDatabases dbs = GeoDatabases.openDirectory(dir)) {
            assertEquals(List.of(GeoDatabase.Kind.ASN, GeoDatabase.Kind.GENERIC), dbs.databases().stream().map(GeoDatabase::kind).toList());
            Attribution a = dbs.lookup(IpAddress.parse("8.8.8.8"));
            assertEquals(AddressClass.PUBLIC, a.addressClass());
            assertEquals(15169L, a.asn());
            assertEquals("Google LLC", a.asOrg());
            assertEquals("US", a.country());
            assertNull(a.registeredCountry());
            assertEquals(List.of("a-asn.mmdb", "b-country.mmdb"), a.sources());
            assertNull(a.error());

            Attribution miss = dbs.lookup(IpAddress.parse("9.9.9.9"));
            assertEquals(AddressClass.PUBLIC, miss.addressClass());
            assertTrue(miss.sources().isEmpty());
            assertNull(miss.asn());
        }
    }

    @Test
    void nonPublicAddresses_areLabelledNotLookedUp() throws Exception {
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(asnFile("asn.mmdb")))) {
            Attribution a = dbs.lookup(IpAddress.parse("10.1.2.3"));
            assertEquals(AddressClass.PRIVATE, a.addressClass());
            assertTrue(a.sources().isEmpty());
        }
    }

    @Test
    void databaseTypes_chooseTheGeoIp2Reader() {
        assertEquals(GeoDatabase.Kind.ASN, GeoDatabase.kindOf("GeoLite2-ASN"));
        assertEquals(GeoDatabase.Kind.ASN, GeoDatabase.kindOf("DBIP-ASN-Lite (compat=GeoLite2-ASN)"));
        assertEquals(GeoDatabase.Kind.COUNTRY, GeoDatabase.kindOf("GeoLite2-Country"));
        assertEquals(GeoDatabase.Kind.CITY, GeoDatabase.kindOf("GeoIP2-City"));
        assertEquals(GeoDatabase.Kind.ISP, GeoDatabase.kindOf("GeoIP2-ISP"));
        assertEquals(GeoDatabase.Kind.ENTERPRISE, GeoDatabase.kindOf("GeoIP2-Enterprise"));
        assertEquals(GeoDatabase.Kind.GENERIC, GeoDatabase.kindOf("DBIP-Country-Lite"));
    }

    @Test
    void missingFile_isOneErrorNamingIt() {
        Path missing = dir.resolve("nope.mmdb");
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(missing));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().startsWith(missing + ": "), e.getMessage());
    }

    @Test
    void directoryWithoutDatabases_isOneErrorNamingIt() {
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(dir));
        assertTrue(e.getMessage().startsWith(dir + ": no .mmdb files"), e.getMessage());
    }

    @Test
    void unreadableFile_isOneErrorNamingIt() throws Exception {
        Path file = asnFile("asn.mmdb");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions do not apply");
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(file));
        assertTrue(e.getMessage().startsWith(file + ": cannot read"), e.getMessage());
    }

    @Test
    void garbageFile_isOneErrorNamingIt() throws Exception {
        Path file = dir.resolve("garbage.mmdb");
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(file, junk);
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(dir));
        assertTrue(e.getMessage().startsWith(file + ": not a valid MaxMind DB file"), e.getMessage());
    }

    @Test
    void truncatedFile_isOneErrorNamingIt() throws Exception {
        Path file = asnFile("asn.mmdb");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        Files.write(file, new byte[0]);
        assertThrows(GeoDatabaseException.class, () -> GeoDatabases.open(file));
    }

    @Test
    void deeplyNestedMetadata_isRefusedWithAClearErrorNotAStackOverflow() throws Exception {
        // 30,000 maps nested in one another: a recursive decoder without a depth limit overflows.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[32]);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 30_000; i++) out.write(new byte[] {(byte) 0xE1, 0x41, 'a'});
        out.write(new byte[] {0x41, 'b'});
        Path file = dir.resolve("deep.mmdb");
        Files.write(file, out.toByteArray());
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.openFiles(List.of(file)));
        assertTrue(e.getMessage().startsWith(file + ": not a valid MaxMind DB file: damaged metadata"), e.getMessage());
    }

    @Test
    void damagedDataSection_failsAtOpenWhenAProbeMeetsIt() throws Exception {
        Path file = damaged(asnFile("asn.mmdb"));
        GeoDatabaseException e = assertThrows(GeoDatabaseException.class, () -> GeoDatabases.openFiles(List.of(file)));
        assertTrue(e.getMessage().startsWith(file + ": damaged database"), e.getMessage());
    }

    @Test
    void damagedDataSection_givesAnErrorResultNotACrash() throws Exception {
        MmdbWriter w = MmdbWriter.builder("GeoLite2-ASN").build();
        w.insertIpv4Range(0x09090900L, 0x090909FFL, Map.of("autonomous_system_number", MmdbValue.u32(19281),
                "autonomous_system_organization", "Quad9"));
        Path file = dir.resolve("quad9-asn.mmdb");
        w.write(file);
        damaged(file);

        // The probe lookups at open miss (no data there), so the damage shows only on a hit.
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(file))) {
            Attribution a = dbs.lookup(IpAddress.parse("9.9.9.9"));
            assertNotNull(a.error());
            assertTrue(a.error().startsWith(file + ": damaged database"), a.error());
            assertNull(a.asn());
            Attributor attributor = Attributor.of(dbs);
            assertNotNull(attributor.attribute(InetAddress.getByName("9.9.9.9")).error());
        }
    }

    /** Overwrites the data section: every data byte now claims a huge map. */
    private static Path damaged(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        MmdbMetadata meta = MmdbMetadata.read(file);
        int dataStart = (int) (meta.nodeCount() * meta.recordSize() / 4 + 16);
        int marker = bytes.length - 1;
        while (!(bytes[marker] == (byte) 0xAB && bytes[marker + 1] == (byte) 0xCD)) marker--;
        Arrays.fill(bytes, dataStart, marker, (byte) 0xFF);
        Files.write(file, bytes);
        return file;
    }

    /** Attributions found by record pair must be those the databases' answers give, for every address. */
    @Test
    void lookupByRecordPair_answersAsAskingEveryDatabase() throws Exception {
        try (GeoDatabases both = GeoDatabases.open(null);
             GeoDatabases asnOnly = GeoDatabases.openFiles(List.of(both.databases().get(0).file()))) {
            java.util.Random random = new java.util.Random(5);
            for (int i = 0; i < 60_000; i++) {
                // Addresses in 4,096 /20s: many share records, so most answers come from the pair table.
                IpAddress address = i % 5 == 4
                        ? new IpAddress(0x2000_0000_0000_0000L | (random.nextLong() >>> 3) & 0xFFFF_FFFF_0000_0000L, random.nextLong())
                        : IpAddress.ofIpv4((random.nextInt(4096) * 0x100000L + random.nextInt(1 << 20)) & 0xFFFF_FFFFL);
                AddressClass c = AddressClass.of(address);
                if (!c.isPublic()) continue; // never looked up
                for (GeoDatabases dbs : List.of(both, asnOnly)) {
                    assertEquals(dbs.answersFor(address, c), dbs.lookup(address), "attribution of " + address.toInetAddress());
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void attributor_givesTheSameAnswersFromManyThreads(boolean caffeine) throws Exception {
        try (GeoDatabases dbs = GeoDatabases.open(null)) {
            Attributor attributor = caffeine ? Attributor.withCaffeine(dbs, 1000) : Attributor.of(dbs, 1000);
            List<IpAddress> addresses = new java.util.Random(7).longs(4000, 0, 1L << 32).mapToObj(IpAddress::ofIpv4).toList();
            List<Attribution> serial = addresses.stream().map(dbs::lookup).toList();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<List<Attribution>>>();
                for (int t = 0; t < 4; t++) futures.add(pool.submit(() -> addresses.stream().map(attributor::attribute).toList()));
                for (var f : futures) assertEquals(serial, f.get());
            } finally {
                pool.shutdown();
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void attributor_answersLikeTheDatabases_whenAddressesOutnumberItsCaches(boolean caffeine) throws Exception {
        try (GeoDatabases dbs = GeoDatabases.open(null)) {
            Attributor attributor = caffeine ? Attributor.withCaffeine(dbs, 50_000) : Attributor.of(dbs, 50_000);
            java.util.Random random = new java.util.Random(11);
            long calls = 0, special = 0;
            for (int round = 0; round < 2; round++) {
                random.setSeed(11);
                for (int i = 0; i < 150_000; i++) {
                    IpAddress address = IpAddress.ofIpv4(random.nextInt(1 << 20) * 4099L & 0xFFFF_FFFFL);
                    Attribution a = attributor.attribute(address.hi(), address.lo());
                    assertEquals(dbs.lookup(address), a, "attribution of " + address.toInetAddress());
                    calls++;
                    if (!a.addressClass().isPublic()) special++;
                }
            }
            var stats = attributor.stats();
            assertEquals(calls - special, stats.hitCount() + stats.missCount(), "every public lookup is a hit or a miss");
            assertTrue(stats.hitCount() > 0 && stats.missCount() > 0, stats.toString());
            assertTrue(stats.evictionCount() > 0, "150,000 addresses do not all fit: " + stats);
        }
    }

    @Test
    void attributor_putsCaffeineBehindItsFrontTable_whenADatabaseNeedsMaxMindsReaders() throws Exception {
        asnFile("a-asn.mmdb");
        flatCountryFile("b-country.mmdb");
        try (GeoDatabases searched = GeoDatabases.openFiles(List.of(dir.resolve("a-asn.mmdb")));
             GeoDatabases mixed = GeoDatabases.openDirectory(dir)) {
            assertTrue(searched.allSearched());
            assertTrue(!Attributor.of(searched).usesCaffeine(), "searched layouts need no cache behind the front table");
            assertTrue(!mixed.allSearched());
            Attributor attributor = Attributor.of(mixed, 100);
            assertTrue(attributor.usesCaffeine());
            // Two addresses in one slot of the front table cannot be arranged from outside, so fill
            // the table past its size: the Caffeine cache then answers what the front table lost.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 256; i++) attributor.attribute(IpAddress.ofIpv4(GOOGLE_DNS + i));
            }
            var stats = attributor.stats();
            assertEquals(256, stats.missCount(), "each address looked up once: " + stats);
            assertEquals(256, stats.hitCount(), stats.toString());
            assertEquals("US", attributor.attribute(IpAddress.parse("8.8.8.8")).country());
        }
    }

    @Test
    void attributor_cachesByAddressAndCountsHits() throws Exception {
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(asnFile("asn.mmdb")))) {
            Attributor attributor = Attributor.of(dbs, 100);
            IpAddress google = IpAddress.parse("8.8.8.8");
            Attribution first = attributor.attribute(google.hi(), google.lo());
            Attribution second = attributor.attribute(InetAddress.getByName("8.8.8.8"));
            assertEquals(15169L, second.asn());
            assertTrue(first == second, "second call answered from the cache");
            attributor.attribute(IpAddress.parse("192.168.0.1"));
            assertEquals(1, attributor.stats().hitCount());
            assertEquals(1, attributor.stats().missCount());
        }
    }

    /**
     * An IPv4 /16 whose addresses all lead to one record in every database is answered as a whole
     * once one of its addresses was looked up; a block split below /16, or holding a special range,
     * never is.
     */
    @Test
    void attributor_answersAWholeIpv4Block_onlyWhenTheBlockIsPublicAndOneRecordInEveryDatabase() throws Exception {
        MmdbWriter w = MmdbWriter.builder("GeoLite2-ASN").build();
        Map<String, Object> as1 = Map.of("autonomous_system_number", MmdbValue.u32(1), "autonomous_system_organization", "Whole");
        Map<String, Object> as2 = Map.of("autonomous_system_number", MmdbValue.u32(2), "autonomous_system_organization", "Inner");
        Map<String, Object> as3 = Map.of("autonomous_system_number", MmdbValue.u32(3), "autonomous_system_organization", "Outer");
        Map<String, Object> as4 = Map.of("autonomous_system_number", MmdbValue.u32(4), "autonomous_system_organization", "Special");
        w.insertIpv4Range(0x0800_0000L, 0x0800_FFFFL, as1); // 8.0.0.0/16: one record
        w.insertIpv4Range(0x0909_0000L, 0x0909_08FFL, as3); // 9.9.0.0/16 split around 9.9.9.0/24
        w.insertIpv4Range(0x0909_0900L, 0x0909_09FFL, as2);
        w.insertIpv4Range(0x0909_0A00L, 0x0909_FFFFL, as3);
        w.insertIpv4Range(0xC000_0000L, 0xC000_FFFFL, as4); // 192.0.0.0/16 holds 192.0.2.0/24 (documentation)
        Path file = dir.resolve("blocks.mmdb");
        w.write(file);
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(file))) {
            Attributor attributor = Attributor.of(dbs, 100);

            assertNull(dbs.ipv4Block(0x0800), "nothing known before a lookup");
            Attribution first = attributor.attribute(IpAddress.parse("8.0.1.2"));
            assertEquals(1L, first.asn());
            assertTrue(dbs.ipv4Block(0x0800) == first, "the block is known after one lookup");
            Attribution other = attributor.attribute(IpAddress.parse("8.0.200.7"));
            assertTrue(other == first, "another address of the block is answered by it");
            assertEquals(1, attributor.stats().hitCount(), "a block answer counts as a hit");
            assertEquals(1, attributor.stats().missCount());

            assertEquals(3L, attributor.attribute(IpAddress.parse("9.9.1.1")).asn());
            assertNull(dbs.ipv4Block(0x0909), "a block split below /16 is not answered as a whole");
            assertEquals(2L, attributor.attribute(IpAddress.parse("9.9.9.9")).asn());
            assertEquals(3L, attributor.attribute(IpAddress.parse("9.9.200.1")).asn());

            assertEquals(4L, attributor.attribute(IpAddress.parse("192.0.3.1")).asn());
            assertNull(dbs.ipv4Block(0xC000), "a block holding a special range is not answered as a whole");
            assertEquals(AddressClass.DOCUMENTATION, attributor.attribute(IpAddress.parse("192.0.2.1")).addressClass());
        }
    }
}
