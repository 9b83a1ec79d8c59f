package org.cleanpath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cleanpath.attribute.GeoDatabase;
import org.cleanpath.attribute.GeoDatabaseException;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.GeodbBuilder;
import org.cleanpath.attribute.RangeCsv;
import org.cleanpath.attribute.mmdb.MmdbMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cleanpath geodb}: builds the embedded IP databases and shows which are in use. */
@Command(name = "geodb", mixinStandardHelpOptions = true,
        description = "Build or inspect the IP attribution databases (MaxMind DB files).",
        subcommands = {GeodbCommand.Build.class, GeodbCommand.Info.class})
final class GeodbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (build or info)");
    }

    /** {@code cleanpath geodb build}: range CSVs to asn.mmdb and country.mmdb. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build asn.mmdb (GeoLite2-ASN layout) and country.mmdb (GeoLite2-Country layout) from"
                    + " ip-location-db range CSVs (a CSV file, or an unpacked npm package directory).")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--asn-csv", paramLabel = "F", description = "start,end,asn,organization CSV or package directory (repeatable)")
        List<Path> asnCsv = new ArrayList<>();

        @Option(names = "--country-csv", paramLabel = "F", description = "start,end,country_code CSV or package directory (repeatable)")
        List<Path> countryCsv = new ArrayList<>();

        @Option(names = "--registered-csv", paramLabel = "F",
                description = "start,end,country_code CSV or package directory giving registered_country, e.g. asn-country (repeatable)")
        List<Path> registeredCsv = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = GeoDatabases.DEFAULT_DIRECTORY,
                description = "output directory (default: ${DEFAULT-VALUE})")
        Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (asnCsv.isEmpty() && countryCsv.isEmpty()) {
                spec.commandLine().getErr().println("cleanpath: geodb build needs --asn-csv and/or --country-csv");
                return Main.EXIT_ERROR;
            }
            GeodbBuilder builder = new GeodbBuilder(Instant.now().getEpochSecond(), out);
            if (!asnCsv.isEmpty()) builder.buildAsn(expand(asnCsv), output.resolve(GeodbBuilder.ASN_FILE));
            if (!countryCsv.isEmpty()) builder.buildCountry(expand(countryCsv), expand(registeredCsv), output.resolve(GeodbBuilder.COUNTRY_FILE));
            return Main.EXIT_CLEAN;
        }

        private static List<Path> expand(List<Path> paths) throws IOException {
            List<Path> files = new ArrayList<>();
            for (Path p : paths) files.addAll(RangeCsv.files(p));
            return files;
        }
    }

    /** {@code cleanpath geodb info}: one paragraph per database in use. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the databases in use.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--geodb", paramLabel = "DIR", description = "database directory or .mmdb file (default: geodb/)")
        Path geodb;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (GeoDatabases dbs = GeoDatabases.open(geodb)) {
                for (GeoDatabase db : dbs.databases()) {
                    MmdbMetadata m = db.metadata();
                    out.printf("%s%n  type:        %s (read as %s)%n  built:       %s%n  nodes:       %d (%d-bit records)%n"
                                    + "  ip version:  %d, format %d.%d%n  languages:   %s%n  description: %s%n",
                            db.file(), m.databaseType(), db.kind().name().toLowerCase(java.util.Locale.ROOT), m.buildTime(),
                            m.nodeCount(), m.recordSize(), m.ipVersion(), m.formatMajorVersion(), m.formatMinorVersion(),
                            String.join(", ", m.languages()), m.description().getOrDefault("en", "-"));
                }
                return Main.EXIT_CLEAN;
            } catch (GeoDatabaseException e) {
                spec.commandLine().getErr().println("cleanpath: " + e.getMessage());
                return Main.EXIT_ERROR;
            }
        }
    }
}
