package org.cleanpath.attribute.mmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CountryResponse;
import java.io.File;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MmdbWriterTest {
    @TempDir
    Path dir;

    private static long v4(String a) throws Exception {
        byte[] b = InetAddress.getByName(a).getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    private static BigInteger v6(String a) throws Exception {
        return new BigInteger(1, InetAddress.getByName(a).getAddress());
    }

    private static Map<String, Object> asnRecord(long asn, String org) {
        return Map.of("autonomous_system_number", MmdbValue.u32(asn), "autonomous_system_organization", org);
    }

    private static Map<String, Object> countryRecord(String iso, String name, String continent, String registered) {
        return Map.of(
                "continent", Map.of("code", continent, "names", Map.of("en", "Europe")),
                "country", Map.of("iso_code", iso, "names", Map.of("en", name)),
                "registered_country", Map.of("iso_code", registered, "names", Map.of("en", "Netherlands")));
    }

    @Test
    void geoLite2AsnLayout_isReadByDatabaseReaderAsn() throws Exception {
        MmdbWriter w = MmdbWriter.builder("GeoLite2-ASN").description(Map.of("en", "test")).build();
        w.insertIpv4Range(v4("8.8.8.0"), v4("8.8.8.255"), asnRecord(15169, "Google LLC"));
        w.insertIpv4Range(v4("1.1.1.0"), v4("1.1.1.255"), asnRecord(13335, "Cloudflare, Inc."));
        w.insertIpv4Range(v4("9.0.0.1"), v4("9.0.0.6"), asnRecord(64500, "Odd Range"));
        w.insertIpv6Range(v6("2001:4860::"), v6("2001:4860:ffff:ffff:ffff:ffff:ffff:ffff"), asnRecord(15169, "Google LLC"));
        Path file = dir.resolve("asn.mmdb");
        MmdbWriter.Result result = w.write(file);
        assertEquals(24, result.recordSize());

        try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
            AsnResponse google = reader.asn(InetAddress.getByName("8.8.8.8"));
            assertEquals(15169L, google.getAutonomousSystemNumber());
            assertEquals("Google LLC", google.getAutonomousSystemOrganization());
            assertEquals("8.8.8.0/24", google.getNetwork().toString());
            assertEquals("Cloudflare, Inc.", reader.asn(InetAddress.getByName("1.1.1.1")).getAutonomousSystemOrganization());
            assertEquals(15169L, reader.asn(InetAddress.getByName("2001:4860:4860::8888")).getAutonomousSystemNumber());
            // Range edges split into CIDRs: 9.0.0.1/32, 9.0.0.2/31, 9.0.0.4/31, 9.0.0.6/32.
            assertFalse(reader.tryAsn(InetAddress.getByName("9.0.0.0")).isPresent());
            assertEquals(64500L, reader.asn(InetAddress.getByName("9.0.0.1")).getAutonomousSystemNumber());
            assertEquals(64500L, reader.asn(InetAddress.getByName("9.0.0.6")).getAutonomousSystemNumber());
            assertFalse(reader.tryAsn(InetAddress.getByName("9.0.0.7")).isPresent());
            // IPv4 is also reachable through the IPv4-mapped and 6to4 aliases.
            // An Inet6Address (not converted to IPv4 by the JDK) walks all 128 bits from the root.
            byte[] mapped = new byte[16];
            mapped[10] = mapped[11] = (byte) 0xFF;
            mapped[12] = mapped[13] = mapped[14] = mapped[15] = 8;
            assertEquals(15169L, reader.asn(Inet6Address.getByAddress(null, mapped, -1)).getAutonomousSystemNumber());
            assertEquals(13335L, reader.asn(InetAddress.getByName("2002:101:101::1")).getAutonomousSystemNumber());
            assertFalse(reader.tryAsn(InetAddress.getByName("4.4.4.4")).isPresent());
            assertEquals("GeoLite2-ASN", reader.getMetadata().getDatabaseType());
            assertEquals(6, reader.getMetadata().getIpVersion());
            assertEquals(2, reader.getMetadata().getBinaryFormatMajorVersion());
        }
        MmdbMetadata meta = MmdbMetadata.read(file);
        assertEquals(result.nodeCount(), meta.nodeCount());
        assertEquals(24, meta.recordSize());
        assertEquals(List.of("en"), meta.languages());
    }

    @Test
    void geoLite2CountryLayout_isReadByDatabaseReaderCountry() throws Exception {
        MmdbWriter w = MmdbWriter.builder("GeoLite2-Country").build();
        w.insertIpv4Range(v4("81.0.0.0"), v4("81.255.255.255"), countryRecord("DE", "Germany", "EU", "NL"));
        w.insertIpv6Range(v6("2a00::"), v6("2a00:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), countryRecord("DE", "Germany", "EU", "NL"));
        Path file = dir.resolve("country.mmdb");
        w.write(file);
        try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
            for (String a : List.of("81.2.3.4", "2a00:1450::1")) {
                CountryResponse r = reader.country(InetAddress.getByName(a));
                assertEquals("DE", r.getCountry().getIsoCode());
                assertEquals("Germany", r.getCountry().getName());
                assertNull(r.getCountry().getGeoNameId());
                assertEquals("EU", r.getContinent().getCode());
                assertEquals("Europe", r.getContinent().getName());
                assertEquals("NL", r.getRegisteredCountry().getIsoCode());
            }
        }
    }

    @Test
    void recordSize_isTheSmallestThatFits() {
        assertEquals(24, MmdbWriter.recordSizeFor((1L << 24) - 1));
        assertEquals(28, MmdbWriter.recordSizeFor(1L << 24));
        assertEquals(28, MmdbWriter.recordSizeFor((1L << 28) - 1));
        assertEquals(32, MmdbWriter.recordSizeFor(1L << 28));
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void everyRecordSize_readsBack(int recordSize) throws Exception {
        MmdbWriter w = MmdbWriter.builder("Test").recordSize(recordSize).build();
        for (long i = 0; i < 5000; i++) w.insertIpv4Range(0x0A000000L + 2 * i, 0x0A000000L + 2 * i, Map.of("n", MmdbValue.u32(i)));
        w.insertIpv6Range(v6("2001:db8::"), v6("2001:db8::ffff"), Map.of("n", MmdbValue.u32(99999), "b", true, "d", 1.5,
                "a", List.of("x", "y"), "big", MmdbValue.u64(-1L), "s", MmdbValue.u16(7)));
        Path file = dir.resolve("size" + recordSize + ".mmdb");
        assertEquals(recordSize, w.write(file).recordSize());
        try (Reader reader = new Reader(new File(file.toString()))) {
            assertEquals(4999L, ((Number) get(reader, "10.0.39.14").get("n")).longValue());
            assertNull(reader.get(InetAddress.getByName("10.0.39.15"), Map.class));
            Map<String, Object> r = get(reader, "2001:db8::17");
            assertEquals(99999L, ((Number) r.get("n")).longValue());
            assertEquals(true, r.get("b"));
            assertEquals(1.5, r.get("d"));
            assertEquals(List.of("x", "y"), r.get("a"));
            assertEquals(new BigInteger("18446744073709551615"), r.get("big"));
            assertEquals(7, ((Number) r.get("s")).intValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(Reader reader, String address) throws Exception {
        return reader.get(InetAddress.getByName(address), Map.class);
    }

    @Test
    void dataSection_storesEachDistinctRecordOnce() throws Exception {
        MmdbWriter w = MmdbWriter.builder("Test").build();
        for (int i = 0; i < 1000; i++) w.insertIpv4Range(4L * i * 256, 4L * i * 256 + 255, asnRecord(64512, "Same Org"));
        MmdbWriter.Result result = w.write(dir.resolve("dedup.mmdb"));
        assertTrue(result.dataSectionBytes() < 100, "data section " + result.dataSectionBytes());
    }
}
