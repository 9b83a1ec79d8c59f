package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data outside the repository that some tests check against, each skipped when absent: the shared
 * reference folder ({@code cleanpath.reference}, default {@code ../shared/reference}) and the full
 * IEEE registry of Debian's ieee-data package ({@code cleanpath.ieee}, default its install folder).
 */
final class SharedData {
    private SharedData() {}

    static Path referenceTsv() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve(System.getProperty("cleanpath.reference", "../shared/reference")).normalize();
        Path tsv = dir.resolve("oui-reference.tsv");
        assumeTrue(Files.isRegularFile(tsv), "reference data not present at " + tsv);
        return tsv;
    }

    static Path ieeeData() {
        Path dir = Path.of(System.getProperty("cleanpath.ieee", "/usr/share/ieee-data"));
        assumeTrue(Files.isRegularFile(dir.resolve("oui.csv")), "IEEE registry (Debian package ieee-data) not present at " + dir);
        return dir;
    }
}
