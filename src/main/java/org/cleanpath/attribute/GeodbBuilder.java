package org.cleanpath.attribute;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cleanpath.attribute.mmdb.MmdbValue;
import org.cleanpath.attribute.mmdb.MmdbWriter;

/**
 * Builds the embedded databases from public range CSVs: {@code asn.mmdb} in the GeoLite2-ASN
 * record layout and {@code country.mmdb} in the GeoLite2-Country layout, so that GeoIP2's own
 * {@code asn()} and {@code country()} read them like MaxMind's files.
 */
public final class GeodbBuilder {
    public static final String ASN_FILE = "asn.mmdb";
    public static final String COUNTRY_FILE = "country.mmdb";

    private static final BigInteger IPV4_SPACE_END = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

    private final long buildEpoch;
    private final PrintWriter log;

    public GeodbBuilder(long buildEpoch, PrintWriter log) {
        this.buildEpoch = buildEpoch;
        this.log = log;
    }

    /** What one build did, for the log and the README. */
    public record Report(Path file, long rows, long skipped, long networks, int records, MmdbWriter.Result result) {}

    /** Builds a GeoLite2-ASN layout file from {@code start,end,asn,organization} CSVs. */
    public Report buildAsn(List<Path> csvs, Path out) throws IOException {
        MmdbWriter writer = writer("GeoLite2-ASN", "CleanPath ASN database (GeoLite2-ASN layout) built from "
                + sources(csvs) + "; CC BY 4.0, data by ip-location-db, RouteViews, DB-IP and NRO");
        return build(writer, csvs, out, values -> {
            long asn = Long.parseLong(values.get(0).strip());
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("autonomous_system_number", MmdbValue.u32(asn));
            String org = values.size() > 1 ? values.get(1).strip() : "";
            if (!org.isEmpty()) record.put("autonomous_system_organization", org);
            return Map.copyOf(record);
        });
    }

    /** Builds a GeoLite2-Country layout file from {@code start,end,country_code} CSVs. */
    public Report buildCountry(List<Path> csvs, Path out) throws IOException {
        MmdbWriter writer = writer("GeoLite2-Country", "CleanPath country database (GeoLite2-Country layout) built from "
                + sources(csvs) + "; data by ip-location-db (CC0) from NRO and RIR data (CC BY 4.0)");
        Set<String> unknown = new TreeSet<>();
        Report report = build(writer, csvs, out, values -> {
            String code = values.get(0).strip().toUpperCase(java.util.Locale.ROOT);
            if (Countries.continent(code).isEmpty()) unknown.add(code);
            return countryRecord(code);
        });
        if (!unknown.isEmpty()) log.println("  country codes without continent: " + unknown);
        return report;
    }

    /** {@code country} and {@code continent} as GeoLite2-Country has them, without geoname ids. */
    static Map<String, Object> countryRecord(String code) {
        Map<String, Object> country = new LinkedHashMap<>();
        country.put("iso_code", code);
        Countries.englishName(code).ifPresent(name -> country.put("names", Map.of("en", name)));
        Map<String, Object> record = new LinkedHashMap<>();
        Countries.continent(code).ifPresent(c -> record.put("continent", Map.of("code", c, "names", Map.of("en", Countries.continentName(c)))));
        record.put("country", Map.copyOf(country));
        return Map.copyOf(record);
    }

    private MmdbWriter writer(String databaseType, String description) {
        return MmdbWriter.builder(databaseType).description(Map.of("en", description)).buildEpoch(buildEpoch).build();
    }

    private static String sources(List<Path> csvs) {
        Set<String> names = new TreeSet<>();
        for (Path csv : csvs) names.add(RangeCsv.packageVersion(csv).orElse(csv.getFileName().toString()));
        return String.join(", ", names);
    }

    private Report build(MmdbWriter writer, List<Path> csvs, Path out,
                         java.util.function.Function<List<String>, Object> toRecord) throws IOException {
        long[] rows = new long[1], skipped = new long[1];
        for (Path csv : csvs) {
            RangeCsv.read(csv, row -> {
                rows[0]++;
                if (row.ipv4()) {
                    writer.insertIpv4Range(row.start().longValue(), row.end().longValue(), toRecord.apply(row.values()));
                } else if (row.start().compareTo(IPV4_SPACE_END) <= 0 || writer.isAliased(row.start(), row.end())) {
                    // ::/96 holds IPv4; ::ffff:0:0/96 and 2002::/16 lead to it: IPv6 rows there are unreachable.
                    skipped[0]++;
                } else {
                    writer.insertIpv6Range(row.start(), row.end(), toRecord.apply(row.values()));
                }
            });
        }
        MmdbWriter.Result result = writer.write(out);
        Report report = new Report(out, rows[0], skipped[0], writer.insertedNetworks(), writer.distinctRecords(), result);
        log.printf("%s: %d rows (%d IPv6 rows in IPv4 or alias space skipped), %d networks, %d distinct records,"
                        + " %d nodes, %d-bit records, %d bytes%n",
                out, report.rows(), report.skipped(), report.networks(), report.records(),
                result.nodeCount(), result.recordSize(), result.fileBytes());
        log.flush();
        return report;
    }
}
