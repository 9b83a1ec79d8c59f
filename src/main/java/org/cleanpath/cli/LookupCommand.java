package org.cleanpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cleanpath.attribute.Attribution;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.GeoDatabaseException;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleanpath lookup}: AS, country and address class of addresses, from the local databases. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Attribute IP addresses: ASN, organization, country, registered country, address class.")
final class LookupCommand implements Callable<Integer> {
    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ADDR", description = "IPv4 or IPv6 addresses; none or - reads them from standard input, one a line")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "table or json (one object a line); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--geodb", paramLabel = "DIR", description = "database directory or .mmdb file (default: geodb/)")
    Path geodb;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> inputs = addresses.isEmpty() || addresses.equals(List.of("-")) ? readStdin() : addresses;
        int exit = Main.EXIT_CLEAN;
        try (GeoDatabases dbs = GeoDatabases.open(geodb)) {
            Attributor attributor = Attributor.of(dbs, 10_000);
            ObjectMapper json = new ObjectMapper();
            List<String[]> table = new ArrayList<>();
            table.add(new String[] {"ADDRESS", "CLASS", "ASN", "ORGANIZATION", "COUNTRY", "REGISTERED", "SOURCE"});
            for (String input : inputs) {
                if (input.isBlank()) continue;
                IpAddress address;
                try {
                    address = IpAddress.parse(input);
                } catch (IllegalArgumentException e) {
                    err.println("cleanpath: " + e.getMessage());
                    exit = Main.EXIT_ERROR;
                    continue;
                }
                Attribution a = attributor.attribute(address);
                if (a.error() != null) {
                    err.println("cleanpath: " + a.error());
                    exit = Main.EXIT_ERROR;
                }
                if (format == Format.json) {
                    out.println(json.writeValueAsString(toJson(json, input.strip(), address, a)));
                } else {
                    table.add(new String[] {input.strip(), a.addressClass().label(), a.asn() == null ? "-" : "AS" + a.asn(),
                            orDash(a.asOrg()), orDash(a.country()), orDash(a.registeredCountry()),
                            a.sources().isEmpty() ? "-" : String.join(",", a.sources())});
                }
            }
            if (format == Format.table) printTable(out, table);
        } catch (GeoDatabaseException e) {
            err.println("cleanpath: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
        out.flush();
        return exit;
    }

    private static ObjectNode toJson(ObjectMapper json, String input, IpAddress address, Attribution a) {
        ObjectNode node = json.createObjectNode();
        node.put("address", address.toString());
        if (!input.equals(address.toString())) node.put("input", input);
        node.put("class", a.addressClass().label());
        if (a.asn() != null) node.put("asn", a.asn());
        if (a.asOrg() != null) node.put("as_org", a.asOrg());
        if (a.country() != null) node.put("country", a.country());
        if (a.registeredCountry() != null) node.put("registered_country", a.registeredCountry());
        node.putPOJO("sources", a.sources());
        if (a.error() != null) node.put("error", a.error());
        return node;
    }

    /** Columns as wide as their widest cell, two spaces apart. */
    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) line.append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.println(line);
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private List<String> readStdin() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return reader.lines().toList();
    }
}
