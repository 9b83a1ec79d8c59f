package org.cleanpath;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The third-party capture corpus beside the project ({@code ../shared/captures}, or the
 * {@code cleanpath.corpus} system property). Tests that need it skip when it is absent.
 */
public final class Corpus {
    private Corpus() {}

    public static Path dir() {
        String p = System.getProperty("cleanpath.corpus", "../shared/captures");
        return Path.of(System.getProperty("user.dir")).resolve(p).normalize();
    }

    public static Path require() {
        Path d = dir();
        assumeTrue(Files.isDirectory(d), "capture corpus not present at " + d);
        return d;
    }

    /** One MANIFEST.tsv row. */
    public record Entry(String file, String format, String packetCount, String covers, String tsharkStatus) {
        public boolean tsharkReads() {
            return tsharkStatus.equals("ok");
        }

        public Path path() {
            return dir().resolve(file);
        }
    }

    public static List<Entry> manifest() {
        Path m = require().resolve("MANIFEST.tsv");
        try (Stream<String> lines = Files.lines(m)) {
            List<Entry> out = new ArrayList<>();
            lines.skip(1).forEach(l -> {
                String[] f = l.split("\t", -1);
                out.add(new Entry(f[0], f[5], f[7], f[8], f[9]));
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a program is on the PATH (for cross-checks against tshark, mmdblookup ...). */
    public static boolean hasProgram(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
