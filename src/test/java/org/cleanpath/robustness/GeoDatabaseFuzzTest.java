package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cleanpath.attribute.GeoDatabaseException;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.IpAddress;
import org.cleanpath.attribute.mmdb.MmdbValue;
import org.cleanpath.attribute.mmdb.MmdbWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the MaxMind DB wrapper: any file opens or fails with {@link GeoDatabaseException}, and a
 * database that opened answers every lookup without throwing.
 */
class GeoDatabaseFuzzTest {
    private static final List<IpAddress> PROBES = List.of(IpAddress.parse("8.8.8.8"), IpAddress.parse("1.1.1.1"),
            IpAddress.parse("203.0.113.9"), IpAddress.parse("2001:4860:4860::8888"), IpAddress.parse("2a00:1450::1"),
            IpAddress.parse("255.255.255.254"));

    @FuzzTest(maxDuration = "2m")
    void openAndLookUp(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".mmdb");
        try {
            Files.write(file, data);
            openAndLookUp(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void openAndLookUp(Path file) {
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(file))) {
            for (IpAddress a : PROBES) {
                assertNotNull(dbs.lookup(a));
            }
        } catch (GeoDatabaseException expected) {
            // not a database, or a damaged one, named as such at open
        }
    }

    /** Regression over databases this project writes, whole and with bytes scribbled over. */
    @Test
    void generatedDatabases_scribbledOver_openOrFailWithGeoDatabaseException(@TempDir Path dir) throws IOException {
        Random random = new Random(27);
        for (String type : List.of("GeoLite2-ASN", "GeoLite2-Country", "cleanpath-test")) {
            byte[] whole = Files.readAllBytes(generated(dir, type));
            for (int trial = 0; trial < 100; trial++) {
                byte[] bytes = whole.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                if (trial % 10 == 0) {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                }
                openAndLookUp(bytes);
            }
        }
    }

    /** A small database of {@code type} as {@link MmdbWriter} writes it; also the committed seeds' origin. */
    static Path generated(Path dir, String type) throws IOException {
        MmdbWriter w = MmdbWriter.builder(type).description(Map.of("en", "fuzz seed")).build();
        Map<String, Object> record = type.endsWith("ASN")
                ? Map.of("autonomous_system_number", MmdbValue.u32(15169), "autonomous_system_organization", "Example")
                : Map.of("country", Map.of("iso_code", "NL", "names", Map.of("en", "Netherlands")),
                        "registered_country", Map.of("iso_code", "DE"));
        w.insertIpv4Range(0x08080800L, 0x080808ffL, record);
        w.insertIpv4Range(0x01010100L, 0x010101ffL, record);
        w.insertIpv6Range(new BigInteger("20014860000000000000000000000000", 16),
                new BigInteger("20014860ffffffffffffffffffffffff", 16), record);
        Path file = dir.resolve(type + ".mmdb");
        w.write(file);
        return file;
    }
}
