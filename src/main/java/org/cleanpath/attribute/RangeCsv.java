package org.cleanpath.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads ip-location-db style range CSVs: {@code start,end,value...} with inclusive ranges given as
 * IPv4 or IPv6 text, values optionally double-quoted ({@code "Cloudflare, Inc."}).
 */
public final class RangeCsv {
    /** One row: an inclusive range (IPv4 as unsigned 32-bit, IPv6 as unsigned 128-bit values) and its value fields. */
    public record Row(boolean ipv4, BigInteger start, BigInteger end, List<String> values) {}

    private RangeCsv() {}

    /**
     * The CSVs a path names: the file itself, or in a directory (an unpacked npm package) or an
     * {@code npm pack} tarball ({@code .tgz}, extracted to a temporary directory) the
     * {@code *-ipv4.csv} and {@code *-ipv6.csv} files (not the {@code -num} variants).
     */
    public static List<Path> files(Path fileOrDir) throws IOException {
        String name = fileOrDir.getFileName().toString();
        if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            Path dir = Files.createTempDirectory("cleanpath-geodb-");
            List<Path> extracted = NpmTarball.extract(fileOrDir, dir,
                    n -> n.endsWith("-ipv4.csv") || n.endsWith("-ipv6.csv") || n.equals("package.json"));
            dir.toFile().deleteOnExit();
            extracted.forEach(p -> p.toFile().deleteOnExit());
            fileOrDir = dir;
        }
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.isReadable(fileOrDir)) throw new IOException(fileOrDir + ": no such CSV file");
            return List.of(fileOrDir);
        }
        try (Stream<Path> list = Files.list(fileOrDir)) {
            List<Path> files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith("-ipv4.csv") || n.endsWith("-ipv6.csv");
            }).sorted().toList();
            if (files.isEmpty()) throw new IOException(fileOrDir + ": no *-ipv4.csv or *-ipv6.csv files");
            return files;
        }
    }

    /** The npm package name@version from a package.json beside the CSV, when there is one. */
    public static Optional<String> packageVersion(Path csv) {
        Path json = csv.toAbsolutePath().getParent().resolve("package.json");
        if (!Files.isReadable(json)) return Optional.empty();
        try {
            JsonNode node = new ObjectMapper().readTree(json.toFile());
            return Optional.of(node.path("name").asText("?") + "@" + node.path("version").asText("?"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Streams the rows of one file to {@code sink}; a malformed line is an error naming file and line. */
    public static void read(Path csv, java.util.function.Consumer<Row> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) continue;
                try {
                    sink.accept(parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(csv + ":" + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
    }

    static Row parse(String line) {
        List<String> fields = split(line);
        if (fields.size() < 3) throw new IllegalArgumentException("expected start,end,value...");
        IpAddress start = IpAddress.parse(fields.get(0));
        IpAddress end = IpAddress.parse(fields.get(1));
        boolean ipv4 = fields.get(0).indexOf(':') < 0;
        if (ipv4 != (fields.get(1).indexOf(':') < 0)) throw new IllegalArgumentException("range mixes IPv4 and IPv6");
        BigInteger s = ipv4 ? BigInteger.valueOf(start.ipv4()) : start.toBigInteger();
        BigInteger e = ipv4 ? BigInteger.valueOf(end.ipv4()) : end.toBigInteger();
        if (s.compareTo(e) > 0) throw new IllegalArgumentException("range start after end");
        return new Row(ipv4, s, e, List.copyOf(fields.subList(2, fields.size())));
    }

    /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
