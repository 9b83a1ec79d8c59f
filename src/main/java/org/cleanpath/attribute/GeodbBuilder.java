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

    /**
     * Builds a GeoLite2-Country layout file from {@code start,end,country_code} CSVs, with
     * {@code registered_country} from a second set of such CSVs (the RIR registration country, as
     * ip-location-db's asn-country has it) when {@code registeredCsvs} is not empty.
     */
    public Report buildCountry(List<Path> countryCsvs, List<Path> registeredCsvs, Path out) throws IOException {
        List<Path> all = new java.util.ArrayList<>(countryCsvs);
        all.addAll(registeredCsvs);
        MmdbWriter writer = writer("GeoLite2-Country", "CleanPath country database (GeoLite2-Country layout) built from "
                + sources(all) + "; data by ip-location-db (CC0) from NRO and RIR data (CC BY 4.0)");
        CodeRanges countries = CodeRanges.read(countryCsvs);
        CodeRanges registered = CodeRanges.read(registeredCsvs);
        Set<String> unknown = new TreeSet<>();
        Map<List<String>, Object> records = new java.util.HashMap<>();
        long[] segments = new long[1], skipped = new long[1];
        for (boolean ipv4 : new boolean[] {true, false}) {
            RangeMerge.merge(countries.family(ipv4), registered.family(ipv4), (start, end, country, reg) -> {
                if (!ipv4 && (start.compareTo(IPV4_SPACE_END) <= 0 || writer.isAliased(start, end))) {
                    skipped[0]++;
                    return;
                }
                for (String code : new String[] {country, reg}) {
                    if (code != null && Countries.continent(code).isEmpty()) unknown.add(code);
                }
                Object record = records.computeIfAbsent(java.util.Arrays.asList(country, reg), k -> countryRecord(country, reg));
                segments[0]++;
                if (ipv4) writer.insertIpv4Range(start.longValue(), end.longValue(), record);
                else writer.insertIpv6Range(start, end, record);
            });
        }
        if (!unknown.isEmpty()) log.println("  country codes without continent: " + unknown);
        MmdbWriter.Result result = writer.write(out);
        Report report = new Report(out, countries.rows() + registered.rows(), skipped[0], writer.insertedNetworks(),
                writer.distinctRecords(), result);
        log(report, segments[0] + " merged ranges, " + skipped[0] + " IPv6 ranges in IPv4 or alias space skipped");
        return report;
    }

    /** Country code ranges of a set of CSVs, IPv4 and IPv6 apart, flattened (later rows win). */
    private record CodeRanges(List<RangeMerge.Range> ipv4, List<RangeMerge.Range> ipv6, long rows) {
        static CodeRanges read(List<Path> csvs) throws IOException {
            List<RangeMerge.Range> v4 = new java.util.ArrayList<>(), v6 = new java.util.ArrayList<>();
            for (Path csv : csvs) {
                RangeCsv.read(csv, row -> (row.ipv4() ? v4 : v6).add(new RangeMerge.Range(row.start(), row.end(),
                        row.values().get(0).strip().toUpperCase(java.util.Locale.ROOT))));
            }
            return new CodeRanges(RangeMerge.flatten(v4), RangeMerge.flatten(v6), v4.size() + v6.size());
        }

        List<RangeMerge.Range> family(boolean isIpv4) {
            return isIpv4 ? ipv4 : ipv6;
        }
    }

    /**
     * {@code continent}, {@code country} and {@code registered_country} as GeoLite2-Country has them,
     * without geoname ids (GeoIP2 reads them as null); a null code leaves its part out.
     */
    static Map<String, Object> countryRecord(String countryCode, String registeredCode) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (countryCode != null) {
            Countries.continent(countryCode).ifPresent(c ->
                    record.put("continent", Map.of("code", c, "names", Map.of("en", Countries.continentName(c)))));
            record.put("country", countryPart(countryCode));
        }
        if (registeredCode != null) record.put("registered_country", countryPart(registeredCode));
        return Map.copyOf(record);
    }

    private static Map<String, Object> countryPart(String code) {
        Map<String, Object> country = new LinkedHashMap<>();
        country.put("iso_code", code);
        Countries.englishName(code).ifPresent(name -> country.put("names", Map.of("en", name)));
        return Map.copyOf(country);
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
        log(report, report.skipped() + " IPv6 rows in IPv4 or alias space skipped");
        return report;
    }

    private void log(Report report, String note) {
        MmdbWriter.Result result = report.result();
        log.printf("%s: %d rows (%s), %d networks, %d distinct records, %d nodes, %d-bit records, %d bytes%n",
                report.file(), report.rows(), note, report.networks(), report.records(),
                result.nodeCount(), result.recordSize(), result.fileBytes());
        log.flush();
    }
}
