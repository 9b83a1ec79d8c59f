package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded geodb/ files against the source data they were built from: a committed sample of
 * the ip-location-db CSV rows (see sample/make-sample.py), not the databases themselves.
 */
class GeodbRoundTripTest {
    private static final int ADDRESSES = 10_000;

    /** One sampled address and what its source row says; null fields are not checked. */
    record Expected(IpAddress address, String source, Long asn, String org, String country, String registered) {}

    private static GeoDatabase asnDb, countryDb;
    private static List<Expected> samples;

    @BeforeAll
    static void open() throws Exception {
        Path geodb = GeoDatabases.defaultDirectory().orElseThrow();
        asnDb = GeoDatabase.open(geodb.resolve(GeodbBuilder.ASN_FILE));
        countryDb = GeoDatabase.open(geodb.resolve(GeodbBuilder.COUNTRY_FILE));
        samples = sample(new Random(20260617));
    }

    @AfterAll
    static void close() {
        asnDb.close();
        countryDb.close();
    }

    /** Rows of one sample file in file order. */
    private static List<RangeCsv.Row> rows(String name) throws IOException, URISyntaxException {
        Path file = Path.of(GeodbRoundTripTest.class.getResource("sample/" + name).toURI());
        List<RangeCsv.Row> rows = new ArrayList<>();
        RangeCsv.read(file, rows::add);
        return rows;
    }

    /**
     * Addresses drawn from the rows of the six sample files: a row's first, last or a random
     * address inside. Where sample rows overlap, the later row is the answer (the build's rule).
     */
    private static List<Expected> sample(Random random) throws Exception {
        String[] files = {"asn-ipv4.csv", "asn-ipv6.csv", "geo-whois-asn-country-ipv4.csv",
                "geo-whois-asn-country-ipv6.csv", "asn-country-ipv4.csv", "asn-country-ipv6.csv"};
        List<List<RangeCsv.Row>> perFile = new ArrayList<>();
        for (String f : files) perFile.add(rows(f));
        List<Expected> out = new ArrayList<>();
        while (out.size() < ADDRESSES) {
            int f = random.nextInt(files.length);
            List<RangeCsv.Row> rows = perFile.get(f);
            RangeCsv.Row row = rows.get(random.nextInt(rows.size()));
            BigInteger span = row.end().subtract(row.start());
            BigInteger offset = switch (random.nextInt(3)) {
                case 0 -> BigInteger.ZERO;
                case 1 -> span;
                default -> new BigInteger(span.bitLength() + 8, random).mod(span.add(BigInteger.ONE));
            };
            BigInteger value = row.start().add(offset);
            IpAddress address = row.ipv4() ? IpAddress.ofIpv4(value.longValue()) : IpAddress.of(value);
            // IPv6 rows inside the IPv4 space or its aliases (2002::/16) are not in the databases by design.
            if (!row.ipv4() && (value.bitLength() <= 32 || (value.shiftRight(112).intValue() == 0x2002)
                    || value.shiftRight(32).equals(BigInteger.valueOf(0xFFFF)))) continue;
            RangeCsv.Row answer = row;
            for (RangeCsv.Row r : rows) {
                if (r.start().compareTo(value) <= 0 && r.end().compareTo(value) >= 0) answer = r;
            }
            List<String> v = answer.values();
            out.add(switch (f / 2) {
                case 0 -> new Expected(address, files[f], Long.parseLong(v.get(0)), v.get(1).isEmpty() ? null : v.get(1), null, null);
                case 1 -> new Expected(address, files[f], null, null, v.get(0), null);
                default -> new Expected(address, files[f], null, null, null, v.get(0));
            });
        }
        return out;
    }

    @Test
    void embeddedDatabases_answerExactlyWhatTheSourceCsvSays() throws Exception {
        int v4 = 0, v6 = 0;
        for (Expected e : samples) {
            if (e.address().isIpv4()) v4++;
            else v6++;
            String where = e.address() + " from " + e.source();
            if (e.asn() != null) {
                GeoDatabase.Answer a = asnDb.lookup(e.address().toInetAddress()).orElseThrow(() -> new AssertionError("no ASN for " + where));
                assertEquals(e.asn(), a.asn(), where);
                assertEquals(e.org(), a.asOrg(), where);
            } else {
                GeoDatabase.Answer a = countryDb.lookup(e.address().toInetAddress()).orElseThrow(() -> new AssertionError("no country for " + where));
                if (e.country() != null) assertEquals(e.country(), a.country(), where);
                if (e.registered() != null) assertEquals(e.registered(), a.registeredCountry(), where);
            }
        }
        assertTrue(v4 > 1000 && v6 > 1000, "both families sampled: " + v4 + " IPv4, " + v6 + " IPv6");
    }

    @Test
    void embeddedDatabases_readByLibmaxminddb_giveTheSameAnswers() throws Exception {
        assumeTrue(onPath("mmdblookup"), "mmdblookup (Debian mmdb-bin) not installed");
        Path geodb = GeoDatabases.defaultDirectory().orElseThrow();
        for (Expected e : samples.subList(0, 150)) {
            String where = e.address() + " from " + e.source();
            if (e.asn() != null) {
                Path file = geodb.resolve(GeodbBuilder.ASN_FILE);
                assertEquals(String.valueOf(e.asn()), mmdblookup(file, e.address(), "autonomous_system_number"), where);
                assertEquals(e.org(), mmdblookup(file, e.address(), "autonomous_system_organization"), where);
            } else if (e.country() != null) {
                assertEquals(e.country(), mmdblookup(geodb.resolve(GeodbBuilder.COUNTRY_FILE), e.address(), "country", "iso_code"), where);
            } else {
                assertEquals(e.registered(), mmdblookup(geodb.resolve(GeodbBuilder.COUNTRY_FILE), e.address(), "registered_country", "iso_code"), where);
            }
        }
    }

    private static final Pattern VALUE = Pattern.compile("^\\s*(?:\"(.*)\"|(\\S+)) <\\w+>\\s*$", Pattern.MULTILINE);

    /** One value as libmaxminddb's mmdblookup prints it, or null when the address or path is absent. */
    private static String mmdblookup(Path file, IpAddress address, String... path) throws Exception {
        List<String> command = new ArrayList<>(List.of("mmdblookup", "--file", file.toString(), "--ip", address.toString()));
        command.addAll(List.of(path));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "mmdblookup finished");
        Matcher m = VALUE.matcher(output);
        if (!m.find()) return null;
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
