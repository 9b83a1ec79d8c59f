package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeodbBuilderTest {
    @TempDir
    Path dir;

    private Path tarball() throws Exception {
        return Path.of(GeodbBuilderTest.class.getResource("mini-asn-package.tgz").toURI());
    }

    @Test
    void npmTarball_givesItsIpv4AndIpv6CsvsAndVersion() throws Exception {
        List<Path> csvs = RangeCsv.files(tarball());
        assertEquals(List.of("test-ipv4.csv", "test-ipv6.csv"), csvs.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("@example/asn@1.2.3", RangeCsv.packageVersion(csvs.get(0)).orElseThrow());
    }

    @Test
    void asnBuild_fromATarball_answersItsRows() throws Exception {
        GeodbBuilder builder = new GeodbBuilder(1_700_000_000L, new PrintWriter(new StringWriter()));
        Path out = dir.resolve("asn.mmdb");
        builder.buildAsn(RangeCsv.files(tarball()), out);
        try (GeoDatabases dbs = GeoDatabases.openFiles(List.of(out))) {
            Attribution a = dbs.lookup(IpAddress.parse("1.0.0.77"));
            assertEquals(13335L, a.asn());
            assertEquals("Cloudflare, Inc.", a.asOrg());
            assertEquals(15169L, dbs.lookup(IpAddress.parse("2001:4860::1")).asn());
            assertEquals(List.of(), dbs.lookup(IpAddress.parse("1.0.1.0")).sources());
        }
    }

    @Test
    void sameInput_buildsTheSameBytes() throws Exception {
        GeodbBuilder builder = new GeodbBuilder(1_700_000_000L, new PrintWriter(new StringWriter()));
        Path csv = Path.of(GeodbBuilderTest.class.getResource("sample/geo-whois-asn-country-ipv4.csv").toURI());
        builder.buildCountry(List.of(csv), List.of(csv), dir.resolve("a.mmdb"));
        builder.buildCountry(List.of(csv), List.of(csv), dir.resolve("b.mmdb"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mmdb")), Files.readAllBytes(dir.resolve("b.mmdb")));
    }
}
