package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cleanpath.cli.Main;
import picocli.CommandLine;

/** {@code cleanpath lookup} and {@code cleanpath geodb info} through the picocli entry point, on the embedded geodb. */
class LookupCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void lookup_answersFromTheEmbeddedGeodb() {
        Run r = run("lookup", "8.8.8.8", "1.1.1.1", "202.97.1.1", "2001:4860:4860::8888", "10.1.2.3");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(1).matches("8\\.8\\.8\\.8 +public +AS15169 +Google LLC +US +US +asn\\.mmdb,country\\.mmdb"), lines.get(1));
        assertTrue(lines.get(2).matches("1\\.1\\.1\\.1 +public +AS13335 +Cloudflare, Inc\\. +AU .*"), lines.get(2));
        assertTrue(lines.get(3).matches("202\\.97\\.1\\.1 +public +AS4134 +.* CN .*"), lines.get(3));
        assertTrue(lines.get(4).matches("2001:4860:4860::8888 +public +AS15169 +Google LLC +US .*"), lines.get(4));
        assertTrue(lines.get(5).matches("10\\.1\\.2\\.3 +private +- +- +- +- +-"), lines.get(5));
    }

    @Test
    void lookupJson_isOneObjectPerAddress() throws Exception {
        Run r = run("lookup", "--format", "json", "8.8.8.8", "fe80::1");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode google = new ObjectMapper().readTree(lines.get(0));
        assertEquals("8.8.8.8", google.get("address").asText());
        assertEquals("public", google.get("class").asText());
        assertEquals(15169, google.get("asn").asLong());
        assertEquals("Google LLC", google.get("as_org").asText());
        assertEquals("US", google.get("country").asText());
        assertEquals("asn.mmdb", google.get("sources").get(0).asText());
        JsonNode linkLocal = new ObjectMapper().readTree(lines.get(1));
        assertEquals("link-local", linkLocal.get("class").asText());
    }

    @Test
    void noAddresses_readsThemFromStandardInput() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("9.9.9.9\n\n2620:fe::fe\n".getBytes()));
            Run r = run("lookup", "--format", "json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(2, r.out().lines().count(), r.out());
            assertTrue(r.out().lines().allMatch(l -> l.contains("\"asn\":19281")), r.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void unparseableAddress_isAnErrorLineAndExit2AfterTheRest() {
        Run r = run("lookup", "bogus", "8.8.8.8");
        assertEquals(Main.EXIT_ERROR, r.exit());
        assertTrue(r.err().contains("not an IP address: 'bogus'"), r.err());
        assertTrue(r.out().contains("AS15169"), r.out());
    }

    @Test
    void corruptDatabase_isOneErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.mmdb");
        Files.write(file, "not a database".getBytes());
        Run r = run("lookup", "--geodb", dir.toString(), "8.8.8.8");
        assertEquals(Main.EXIT_ERROR, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cleanpath: " + file + ": not a valid MaxMind DB file"), r.err());
    }

    @Test
    void geodbInfo_describesEachDatabase() {
        Run r = run("geodb", "info");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("asn.mmdb"), r.out());
        assertTrue(r.out().contains("type:        GeoLite2-ASN (read as asn)"), r.out());
        assertTrue(r.out().contains("type:        GeoLite2-Country (read as country)"), r.out());
        assertTrue(r.out().matches("(?s).*nodes: +\\d+ \\(24-bit records\\).*"), r.out());
    }
}
