package org.cleanpath.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the default trust table (geodb/trust/clean-network.yaml) from the reference tables of
 * covered entities: their ASNs, MAC OUI vendors and domain suffixes, each rule citing its source.
 * Only rows flagged {@code match} or {@code affiliate} (ASN, OUI) and domains of high or medium
 * confidence of named entities are used; false friends and uncertain rows never are.
 */
public final class DefaultPolicyBuilder {
    private DefaultPolicyBuilder() {}

    private record Row(Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    public static String build(Path referenceDir) throws IOException {
        List<Row> asns = read(referenceDir.resolve("asn-reference.tsv"));
        List<Row> ouis = read(referenceDir.resolve("oui-reference.tsv"));
        List<Row> domains = read(referenceDir.resolve("domains-reference.tsv"));

        StringBuilder y = new StringBuilder();
        y.append("""
                # CleanPath default trust table: the FCC Covered List and the 2020 Clean Network companies.
                #
                # A DEFAULT FOR REVIEW, not a legal determination. It was generated from the project's
                # reference tables (covered entities, their ASNs, MAC OUIs and domain suffixes, each with its
                # source) by:   cleanpath policy build-default --reference DIR -o geodb/trust/clean-network.yaml
                # Only ASN/OUI rows flagged "match" or "affiliate" and domains of high or medium confidence are
                # used; rows flagged "false_friend" or "uncertain" never are. Review it, decide how broadly to
                # read "subsidiaries and affiliates", add your own networks under internal:, and refresh it.
                #
                # Rules are checked in order and the first match wins (like a firewall ACL).
                version: 1
                name: clean-network
                description: Covered entities of the FCC Covered List and the 2020 Clean Network initiative
                # The facility's own networks: endpoints here are local and never looked up.
                internal:
                  - 10.0.0.0/8
                  - 172.16.0.0/12
                  - 192.168.0.0/16
                  - 100.64.0.0/10
                  - fc00::/7
                default: allow
                # A remote endpoint with no ASN and no country matched no rule: fail closed.
                missing_attribution: unverified
                rules:
                """);

        Map<String, List<Row>> asnsByEntity = new LinkedHashMap<>();
        for (Row r : asns) {
            if (isUsable(r.get("flag"))) {
                asnsByEntity.computeIfAbsent(r.get("entity"), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> e : asnsByEntity.entrySet()) {
            String entity = e.getKey();
            List<Row> rows = e.getValue();
            String listedBy = rows.stream().map(r -> r.get("listed_by")).min((a, b) -> a.length() - b.length()).orElse("");
            y.append("  - id: covered-asn-").append(slug(entity)).append('\n');
            y.append("    reason: ").append(quote(entity + " network (" + rows.get(0).get("category") + "): " + listedBy)).append('\n');
            y.append("    action: deny\n");
            y.append("    applies_to: [remote, tunnel_outer]\n");
            y.append("    match:\n      asn: [");
            for (int i = 0; i < rows.size(); i++) {
                y.append(i == 0 ? "" : ", ").append(rows.get(i).get("asn"));
            }
            y.append("]\n");
            y.append("    source: ").append(quote("ip-location-db asn dataset 2.3.2026061719 organisations of "
                    + entity + " (asn-reference.tsv)")).append('\n');
        }

        // A domain names a service, not the path it takes (CDNs carry many), so only high-confidence
        // suffixes deny; medium-confidence ones warn. Entities the lists do not name (or whose naming
        // was revoked) are left out.
        Map<String, List<Row>> domainsByEntity = new LinkedHashMap<>();
        Set<String> unnamed = new LinkedHashSet<>();
        for (Row r : domains) {
            String evidence = r.get("evidence").toLowerCase(Locale.ROOT);
            if (r.get("entity").contains("not named") || evidence.contains("not named") || evidence.contains("revoked")) {
                unnamed.add(r.get("entity"));
            }
        }
        for (Row r : domains) {
            String confidence = r.get("confidence");
            if (!unnamed.contains(r.get("entity")) && (confidence.equals("high") || confidence.equals("medium"))) {
                domainsByEntity.computeIfAbsent(r.get("entity") + "\t" + confidence, k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> e : domainsByEntity.entrySet()) {
            String entity = e.getKey().substring(0, e.getKey().indexOf('\t'));
            boolean high = e.getKey().endsWith("\thigh");
            y.append("  - id: covered-domain-").append(slug(entity)).append(high ? "" : "-medium").append('\n');
            y.append("    reason: ").append(quote(entity + " service by name (DNS answer, TLS SNI, HTTP Host or QUIC SNI)"
                    + (high ? "" : "; medium-confidence suffix, reported only"))).append('\n');
            y.append("    action: ").append(high ? "deny" : "warn").append('\n');
            y.append("    applies_to: [remote]\n");
            y.append("    match:\n      domain: [");
            List<Row> rows = e.getValue();
            for (int i = 0; i < rows.size(); i++) {
                y.append(i == 0 ? "" : ", ").append(quote(rows.get(i).get("domain_suffix")));
            }
            y.append("]\n");
            y.append("    source: ").append(quote("domains-reference.tsv (" + e.getKey().substring(e.getKey().indexOf('\t') + 1)
                    + "-confidence suffixes of " + entity + ")")).append('\n');
        }
        // Vendor rules last: a flow through a covered router is dirty either way, but an earlier
        // ASN or domain match names the more specific evidence (the remote network or service).
        Map<String, Set<String>> vendorOuis = new LinkedHashMap<>();
        Map<String, String> vendorNotes = new LinkedHashMap<>();
        for (Row r : ouis) {
            if (isUsable(r.get("flag"))) {
                vendorOuis.computeIfAbsent(r.get("entity"), k -> new LinkedHashSet<>()).add(r.get("oui"));
                vendorNotes.putIfAbsent(r.get("entity"), r.get("note"));
            }
        }
        for (Map.Entry<String, Set<String>> e : vendorOuis.entrySet()) {
            String entity = e.getKey();
            y.append("  - id: covered-vendor-").append(slug(entity)).append('\n');
            y.append("    reason: ").append(quote(entity + " equipment: " + vendorNotes.get(entity))).append('\n');
            y.append("    action: deny\n");
            y.append("    applies_to: [l2_next_hop, lldp_neighbor]\n");
            y.append("    match:\n      vendor: [").append(quote(entity)).append("]\n");
            y.append("    source: ").append(quote("IEEE MA-L/MA-M/MA-S registry: " + e.getValue().size()
                    + " assignments of " + entity + " (oui-reference.tsv)")).append('\n');
        }

        return y.toString();
    }

    private static boolean isUsable(String flag) {
        return flag.equals("match") || flag.equals("affiliate");
    }

    static String slug(String entity) {
        String s = entity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<Row> read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(tsv + ": empty, expected a header line");
        }
        String[] header = lines.get(0).split("\t", -1);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.length && c < f.length; c++) {
                cells.put(header[c], f[c]);
            }
            rows.add(new Row(cells));
        }
        return rows;
    }
}
