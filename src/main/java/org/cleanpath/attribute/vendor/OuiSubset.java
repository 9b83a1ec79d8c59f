package org.cleanpath.attribute.vendor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the two tables shipped in the jar from the full IEEE registry and {@code oui-reference.tsv}:
 * <ul>
 *   <li>{@code oui-subset.csv}: every block of every organization in oui-reference.tsv (all flags:
 *       naming Honor or a false friend correctly is part of telling them apart), plus every block of
 *       the common vendors in {@link #COMMON_VENDORS}, as IEEE CSV rows without the address column;
 *   <li>{@code covered-ouis.tsv}: the {@code match} and {@code affiliate} rows of oui-reference.tsv
 *       (columns oui, vendor_name_registered, entity, registry, flag; the notes are left out).
 * </ul>
 * Run: {@code java -cp target/classes org.cleanpath.attribute.vendor.OuiSubset IEEE_DIR REFERENCE_TSV OUT_DIR}.
 * Fails when a reference block is missing from the registry or registered under another name.
 */
public final class OuiSubset {
    /**
     * Organization-name patterns (case-insensitive, from the start of the name) of the vendors
     * facility admins meet on their own networks, so a clean demo names them too. Only for naming:
     * coverage comes from {@link CoveredVendors}, by block.
     */
    static final List<String> COMMON_VENDORS = List.of(
            "Cisco", "Juniper Networks", "Arista Networks", "Nokia", "Alcatel-Lucent", "Ericsson", "Extreme Networks",
            "Hewlett Packard", "Hewlett-Packard", "HP Inc", "Aruba", "Fortinet", "Palo Alto Networks",
            "Routerboard\\.com", "Mikrotik", "Ubiquiti", "Dell\\b", "Intel Corporat", "VMware", "Apple\\b",
            "Samsung Electronics", "Microsoft", "Google", "Amazon Technologies", "Raspberry Pi", "Netgear", "TP-LINK",
            "Lenovo", "Broadcom", "Realtek", "Super Micro", "Mellanox", "Ruckus", "Zyxel", "D-Link", "New H3C",
            "Brocade", "Avaya", "Polycom", "Xensource", "Axis Communications", "Motorola Solutions", "Check Point",
            "Sophos", "F5 Networks", "Ciena");

    private static final Pattern COMMON = Pattern.compile("^(?:" + String.join("|", COMMON_VENDORS) + ")", Pattern.CASE_INSENSITIVE);
    private static final List<String> REFERENCE_COLUMNS = List.of("oui", "vendor_name_registered", "entity", "registry", "flag");

    private OuiSubset() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: OuiSubset IEEE_DIR REFERENCE_TSV OUT_DIR");
            System.exit(2);
        }
        Result r = build(Path.of(args[0]), Path.of(args[1]));
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Files.writeString(out.resolve(OuiRegistry.DEFAULT_RESOURCE), r.subsetCsv(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(CoveredVendors.DEFAULT_RESOURCE), r.coveredTsv(), StandardCharsets.UTF_8);
        System.out.printf("%s: %d blocks (%d from the reference); %s: %d rows%n", OuiRegistry.DEFAULT_RESOURCE, r.blocks(),
                r.referenceBlocks(), CoveredVendors.DEFAULT_RESOURCE, r.coveredRows());
    }

    /** The two files' text and their counts. */
    record Result(String subsetCsv, int blocks, int referenceBlocks, String coveredTsv, int coveredRows) {}

    static Result build(Path ieeeDir, Path referenceTsv) throws IOException {
        List<String[]> reference = readReference(referenceTsv);
        Map<String, String> referenceNames = new LinkedHashMap<>();
        for (String[] row : reference) {
            referenceNames.put(row[0], row[1]);
        }
        List<OuiRegistry.Listing> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> found = new HashSet<>();
        for (String name : OuiRegistry.IEEE_FILES) {
            Path f = ieeeDir.resolve(name);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            for (OuiRegistry.Listing l : OuiRegistry.readListings(Files.newInputStream(f), f.toString())) {
                String text = new Prefix(l.registry().bits(), l.prefix()).toString();
                if (!seen.add(text)) {
                    continue; // a block listed twice: the loader keeps the first row, so does the subset
                }
                String expected = referenceNames.get(text);
                if (expected != null) {
                    if (!expected.equals(l.organization())) {
                        throw new IOException(f + ":" + l.line() + ": " + text + " is registered to \"" + l.organization()
                                + "\", oui-reference.tsv says \"" + expected + "\"");
                    }
                    found.add(text);
                }
                if (expected != null || COMMON.matcher(l.organization()).find()) {
                    chosen.add(l);
                }
            }
        }
        Set<String> missing = new HashSet<>(referenceNames.keySet());
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new IOException("blocks of oui-reference.tsv not in the registry files of " + ieeeDir + ": " + missing);
        }
        chosen.sort(Comparator.comparingInt((OuiRegistry.Listing l) -> l.registry().bits())
                .thenComparing(l -> l.registry().label()).thenComparingLong(OuiRegistry.Listing::prefix));
        StringBuilder csv = new StringBuilder("Registry,Assignment,Organization Name\n");
        for (OuiRegistry.Listing l : chosen) {
            String hex = String.format("%0" + l.registry().hexDigits() + "X", l.prefix());
            csv.append(l.registry().label()).append(',').append(hex).append(',').append(csvField(l.organization())).append('\n');
        }
        StringBuilder tsv = new StringBuilder(String.join("\t", REFERENCE_COLUMNS)).append('\n');
        int covered = 0;
        for (String[] row : reference) {
            if (row[4].equals("match") || row[4].equals("affiliate")) {
                tsv.append(String.join("\t", row)).append('\n');
                covered++;
            }
        }
        return new Result(csv.toString(), chosen.size(), found.size(), tsv.toString(), covered);
    }

    /** The reference rows, reduced to {@link #REFERENCE_COLUMNS}, with the block in canonical text. */
    private static List<String[]> readReference(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int[] col = REFERENCE_COLUMNS.stream().mapToInt(header::indexOf).toArray();
        if (Arrays.stream(col).anyMatch(c -> c < 0)) {
            throw new OuiFormatException(tsv.toString(), 1, "expected the columns " + REFERENCE_COLUMNS + ", found " + header);
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            String[] row = new String[col.length];
            for (int c = 0; c < col.length; c++) {
                row[c] = c < f.length && col[c] < f.length ? f[col[c]].trim() : "";
            }
            int line = i + 1;
            row[0] = Prefix.parse(row[0]).orElseThrow(() -> new OuiFormatException(tsv.toString(), line, "expected a MAC block, found \"" + row[0] + "\"")).toString();
            rows.add(row);
        }
        return rows;
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
