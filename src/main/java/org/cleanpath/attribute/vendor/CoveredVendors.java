package org.cleanpath.attribute.vendor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which MAC blocks and registered organizations belong to a covered entity. The block decides (a
 * table of IEEE prefixes from {@code oui-reference.tsv}), never a pattern over names, so look-alikes
 * such as "ZTEC Instruments" or "Shanghai Dahua Scale Factory" stay clean. Only rows flagged
 * {@code match} or {@code affiliate} are used; {@code uncertain}, {@code separate} (Honor),
 * {@code other_covered} (DJI) and {@code false_friend} rows are skipped. Immutable and thread-safe.
 */
public final class CoveredVendors {
    /** Compiled once: names are normalized for every row of the table. */
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The match/affiliate rows of oui-reference.tsv, built by {@link OuiSubset}. */
    static final String DEFAULT_RESOURCE = "covered-ouis.tsv";
    /** The columns read, by their names in the header of oui-reference.tsv. */
    static final List<String> COLUMNS = List.of("oui", "vendor_name_registered", "entity", "flag");

    private final PrefixTable<CoveredEntity> byPrefix;
    private final Map<String, CoveredEntity> byOrganization;

    private CoveredVendors(PrefixTable<CoveredEntity> byPrefix, Map<String, CoveredEntity> byOrganization) {
        this.byPrefix = byPrefix;
        this.byOrganization = byOrganization;
    }

    /** The mapping shipped in the jar. */
    public static CoveredVendors defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Reads a table in the layout of {@code oui-reference.tsv}: tab-separated, a header naming at
     * least the columns {@code oui}, {@code vendor_name_registered}, {@code entity} and {@code flag}.
     *
     * @throws OuiFormatException for a missing column or a malformed block, with the line
     */
    public static CoveredVendors load(Path tsv) throws IOException {
        return load(Files.newInputStream(tsv), tsv.toString());
    }

    /** Like {@link #load(Path)}, from a stream that is closed; {@code source} names it in errors. */
    public static CoveredVendors load(InputStream in, String source) throws IOException {
        PrefixTable.Builder<CoveredEntity> prefixes = PrefixTable.builder();
        Map<String, CoveredEntity> organizations = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                throw new OuiFormatException(source, 1, "expected a header naming the columns " + COLUMNS + ", found an empty file");
            }
            List<String> names = Arrays.asList(header.split("\t", -1));
            int[] col = new int[COLUMNS.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = names.indexOf(COLUMNS.get(i));
                if (col[i] < 0) {
                    throw new OuiFormatException(source, 1, "expected a header with the column " + COLUMNS.get(i) + ", found " + names);
                }
            }
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < names.size()) {
                    throw new OuiFormatException(source, lineNo, "expected " + names.size() + " tab-separated fields, found " + f.length);
                }
                String flag = f[col[3]].trim();
                if (!flag.equals("match") && !flag.equals("affiliate")) {
                    continue;
                }
                String oui = f[col[0]];
                int at = lineNo;
                Prefix prefix = Prefix.parse(oui).orElseThrow(() -> new OuiFormatException(source, at,
                        "expected a MAC block such as 00:18:BA or 70:B3:D5:0A:E0:00/36, found \"" + oui + "\""));
                String entity = f[col[2]].trim();
                if (entity.isEmpty() || entity.equals("-")) {
                    throw new OuiFormatException(source, lineNo, "expected an entity for the " + flag + " row " + oui + ", found none");
                }
                CoveredEntity covered = new CoveredEntity(entity, flag.equals("affiliate"));
                prefixes.put(prefix.bits(), prefix.value(), covered);
                organizations.putIfAbsent(normalize(f[col[1]]), covered);
            }
        }
        return new CoveredVendors(prefixes.build(), Map.copyOf(organizations));
    }

    /** The covered entity whose block holds {@code mac48}; empty for other, group and local addresses. */
    public Optional<CoveredEntity> entityOf(long mac48) {
        if (mac48 < 0 || Mac.isGroup(mac48) || Mac.isLocallyAdministered(mac48)) {
            return Optional.empty();
        }
        return byPrefix.longest(mac48).map(PrefixTable.Hit::value);
    }

    /**
     * The covered entity an IEEE-registered organization name belongs to, compared whole (ignoring
     * case and runs of spaces), never by pattern. It names blocks registered after this table was
     * built when a newer registry ({@code --oui}) lists them under a known name.
     */
    public Optional<CoveredEntity> entityOfOrganization(String registeredName) {
        return registeredName == null ? Optional.empty() : Optional.ofNullable(byOrganization.get(normalize(registeredName)));
    }

    /** Number of blocks in the table. */
    public int size() {
        return byPrefix.size();
    }

    private static String normalize(String name) {
        String t = name.trim();
        // The regex only for names that need it: the table is read before the first flow with a
        // maker's MAC address is judged, and a matcher per row was a third of that.
        return (hasOnlySingleSpaces(t) ? t : SPACES.matcher(t).replaceAll(" ")).toLowerCase(Locale.ROOT);
    }

    /** True when the regex {@code \s+} has nothing to collapse: no whitespace but single spaces (its {@code \s} is space, tab, LF, VT, FF and CR). */
    private static boolean hasOnlySingleSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ' ') return false;
            } else if (c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** Loaded on first use. */
    private static final class Defaults {
        static final CoveredVendors INSTANCE = Shipped.load(CoveredVendors.class, DEFAULT_RESOURCE, CoveredVendors::load);
    }
}
