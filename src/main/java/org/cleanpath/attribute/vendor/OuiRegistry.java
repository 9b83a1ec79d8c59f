package org.cleanpath.attribute.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IEEE MAC address registry (MA-L, MA-M, MA-S and IAB blocks): names the organization a MAC
 * address was assigned to, by longest prefix (36 over 28 over 24 bits). Immutable and thread-safe.
 *
 * <p>{@link #defaults()} is the subset shipped in the jar (the covered vendors and the common network
 * vendors, see {@code geodb/oui/README.md}), indexed by {@link ShippedOuiIndex} and read row by row
 * as addresses are looked up; {@link #load(Path...)} reads the full registry files whole.
 */
public final class OuiRegistry {
    /** The subset built by {@link OuiSubset}, on the classpath next to this class. */
    static final String DEFAULT_RESOURCE = "oui-subset.csv";
    /** Registry files looked for when {@link #load} is given a directory, as the IEEE names them. */
    static final List<String> IEEE_FILES = List.of("oui.csv", "mam.csv", "oui36.csv", "iab.csv");

    private final Blocks blocks;

    private OuiRegistry(Blocks blocks) {
        this.blocks = blocks;
    }

    /** The blocks a registry answers from: read whole from files, or the shipped subset's index. */
    interface Blocks {
        /** The block of the longest prefix holding {@code mac48}. */
        Optional<Block> longest(long mac48);

        int size();
    }

    /** A block found for an address: who it was assigned to, and its prefix (the top {@code bits} bits). */
    record Block(String organization, Registry registry, int bits, long prefix) {}

    private static OuiRegistry of(PrefixTable<Assignment> table) {
        return new OuiRegistry(new Blocks() {
            @Override
            public Optional<Block> longest(long mac48) {
                return table.longest(mac48).map(h -> new Block(h.value().organization(), h.value().registry(), h.bits(), h.prefix()));
            }

            @Override
            public int size() {
                return table.size();
            }
        });
    }

    /** The registry subset shipped in the jar. */
    public static OuiRegistry defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Loads IEEE registry CSV files ({@code Registry,Assignment,Organization Name,...}), any mix of
     * MA-L, MA-M, MA-S and IAB rows per file. A directory stands for the {@code oui.csv},
     * {@code mam.csv}, {@code oui36.csv} and {@code iab.csv} found in it (as Debian's ieee-data
     * installs them). Where a block is listed twice, the first row read wins.
     *
     * @throws OuiFormatException for a malformed file, with its name and line
     */
    public static OuiRegistry load(Path... files) throws IOException {
        Loader loader = new Loader();
        for (Path p : files) {
            if (Files.isDirectory(p)) {
                boolean any = false;
                for (String name : IEEE_FILES) {
                    Path f = p.resolve(name);
                    if (Files.isRegularFile(f)) {
                        loader.read(Files.newInputStream(f), f.toString());
                        any = true;
                    }
                }
                if (!any) {
                    throw new OuiFormatException(p.toString(), 0, "expected a registry file or a directory holding " + IEEE_FILES + ", found none of them");
                }
            } else {
                loader.read(Files.newInputStream(p), p.toString());
            }
        }
        return of(loader.table.build());
    }

    /** Loads one registry CSV from a stream, which is closed; {@code source} names it in errors. */
    public static OuiRegistry load(InputStream in, String source) throws IOException {
        Loader loader = new Loader();
        loader.read(in, source);
        return of(loader.table.build());
    }

    /** The registered organization of the block {@code mac48} falls in; empty when none can be named. */
    public Optional<Vendor> lookup(long mac48) {
        return origin(mac48) instanceof MacOrigin.Registered r ? Optional.of(r.vendor()) : Optional.empty();
    }

    /**
     * Like {@link #lookup}, but says why nothing was named: a group or locally administered address
     * (whose prefix says nothing about the maker, even where an old block happens to lie under it),
     * or a universal address in a block these files do not list.
     */
    public MacOrigin origin(long mac48) {
        if (Mac.isGroup(mac48)) {
            return new MacOrigin.NotAttributable(MacOrigin.Reason.GROUP);
        }
        if (Mac.isLocallyAdministered(mac48)) {
            return new MacOrigin.NotAttributable(MacOrigin.Reason.LOCALLY_ADMINISTERED);
        }
        return blocks.longest(mac48)
                .<MacOrigin>map(b -> new MacOrigin.Registered(new Vendor(b.organization(), b.registry(), new Prefix(b.bits(), b.prefix()).toString())))
                .orElseGet(() -> new MacOrigin.Unlisted(mac48));
    }

    /** Number of blocks loaded. */
    public int size() {
        return blocks.size();
    }

    /** One registry row as stored: the name (shared between rows) and where it came from. */
    private record Assignment(String organization, Registry registry) {}

    /** One validated row of a registry file. */
    record Listing(Registry registry, long prefix, String organization, int line) {}

    /** Reads and checks the rows of one registry CSV (closing the stream), in file order. */
    static List<Listing> readListings(InputStream in, String source) throws IOException {
        List<IeeeCsv.Row> rows;
        try (in) {
            // Decoded whole (malformed bytes become U+FFFD, as a replacing decoder makes them): one
            // intrinsic pass over the 4 MB of the full registry instead of a reader's buffers.
            rows = IeeeCsv.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        }
        List<Listing> out = new ArrayList<>(rows.size());
        for (IeeeCsv.Row row : rows) {
            List<String> f = row.fields();
            if (row == rows.get(0) && f.get(0).trim().equals("Registry")) {
                continue;
            }
            if (f.size() < 3) {
                throw new OuiFormatException(source, row.line(), "expected at least 3 fields (Registry,Assignment,Organization Name), found " + f.size());
            }
            String label = f.get(0).trim();
            Registry registry = Registry.ofLabel(label).orElseThrow(() -> new OuiFormatException(source, row.line(),
                    "expected Registry MA-L, MA-M, MA-S or IAB, found \"" + label + "\""));
            String hex = f.get(1).trim();
            if (hex.length() != registry.hexDigits() || !Mac.isHex(hex)) {
                throw new OuiFormatException(source, row.line(), "expected " + registry.hexDigits() + " hex digits for an "
                        + registry.label() + " assignment, found \"" + hex + "\"");
            }
            String org = f.get(2).trim();
            if (org.isEmpty()) {
                throw new OuiFormatException(source, row.line(), "expected an organization name for " + registry.label() + " " + hex + ", found none");
            }
            out.add(new Listing(registry, Long.parseLong(hex, 16), org, row.line()));
        }
        return out;
    }

    private static final class Loader {
        final PrefixTable.Builder<Assignment> table = PrefixTable.builder();
        /**
         * Organization names repeat thousands of times (Huawei, Cisco ...): keep one copy each, per
         * registry. Keyed by text, not by the record, whose generated hashCode costs a start-up
         * bootstrap of its own; nor by a joined string, one more string per row.
         */
        final Map<Registry, Map<String, Assignment>> shared = new EnumMap<>(Registry.class);

        void read(InputStream in, String source) throws IOException {
            for (Listing l : readListings(in, source)) {
                Assignment a = shared.computeIfAbsent(l.registry(), r -> new HashMap<>())
                        .computeIfAbsent(l.organization(), name -> new Assignment(name, l.registry()));
                table.put(l.registry().bits(), l.prefix(), a);
            }
        }
    }

    /** Loaded on first use. */
    private static final class Defaults {
        static final OuiRegistry INSTANCE = Shipped.load(OuiRegistry.class, DEFAULT_RESOURCE,
                (in, source) -> {
                    try (in) {
                        return new OuiRegistry(new ShippedOuiIndex(in.readAllBytes(), source));
                    }
                });
    }
}
