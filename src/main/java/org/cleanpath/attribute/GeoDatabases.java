package org.cleanpath.attribute;

import java.io.Closeable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The set of databases in use, combined: the AS number from one file, the country from another.
 * For each field the first database (in file-name order) that answers wins. Immutable and
 * thread-safe; uncached (see {@link Attributor} for the cached front).
 */
public final class GeoDatabases implements Closeable {
    /** The directory name of the embedded default databases. */
    public static final String DEFAULT_DIRECTORY = "geodb";

    private final List<GeoDatabase> databases;
    /**
     * The source lists for each combination of the first eight databases, built up front: built on
     * first need, a combination first seen late in a run sent the compiled attribution path back to
     * the interpreter, to be compiled again.
     */
    private final List<List<String>> sourceLists;
    private static final int SHARED_BITS = 14;
    private final Attribution[] sharedAttributions = new Attribution[1 << SHARED_BITS];

    /**
     * For one or two searched databases (the embedded pair, or MaxMind's ASN and Country files):
     * attributions by the records an address leads to. The answers follow from the records alone,
     * and a capture's addresses lead to a few thousand pairs of them, so an address past the
     * attributor's table costs the tree walks and one probe here, not two record decodings and
     * the merging of their fields. Direct-mapped; entries are immutable, so racing threads at
     * worst look a pair up twice.
     */
    private final RecordPair[] byRecords;
    private static final int RECORD_PAIR_BITS = 14;

    private record RecordPair(long records, Attribution attribution) {}

    /**
     * For the same databases: per IPv4 /16 block that is public and that every database answers
     * with one record, the attribution of all its addresses, known once one of them was looked up.
     * Most of the IPv4 space is allocated in blocks of /16 or larger, so an address there is answered
     * by one read of this table (256 KiB, which stays in a core's cache) without the attributor's
     * table of recent addresses, which is larger and spread over the heap. On the 2M-packet
     * benchmark it answers 91k of the 192k IPv4 endpoint lookups, and the database lookups past all
     * the caches drop from 68k to 49k. Entries are immutable; racing threads at worst store one twice.
     */
    private final Attribution[] ipv4Blocks;

    private GeoDatabases(List<GeoDatabase> databases) {
        this.databases = List.copyOf(databases);
        List<List<String>> lists = new ArrayList<>();
        for (long answered = 0; answered < 1L << Math.min(databases.size(), 8); answered++) lists.add(namesOf(answered));
        this.sourceLists = List.copyOf(lists);
        boolean pairable = !databases.isEmpty() && databases.size() <= 2 && databases.stream().allMatch(GeoDatabase::searched);
        this.byRecords = pairable ? new RecordPair[1 << RECORD_PAIR_BITS] : null;
        this.ipv4Blocks = pairable ? new Attribution[1 << 16] : null;
    }

    /**
     * Opens the databases named on the command line ({@code --geodb DIR} or a file), or the default
     * {@code geodb/} directory when {@code geodb} is null.
     *
     * @throws GeoDatabaseException naming the file or directory that is missing or damaged
     */
    public static GeoDatabases open(Path geodb) throws GeoDatabaseException {
        if (geodb != null) return Files.isDirectory(geodb) ? openDirectory(geodb) : openFiles(List.of(geodb));
        Path dir = defaultDirectory().orElseThrow(() -> new GeoDatabaseException(Path.of(DEFAULT_DIRECTORY),
                "no database directory here or beside the cleanpath jar; pass --geodb DIR", null));
        return openDirectory(dir);
    }

    /** Opens every {@code .mmdb} file in a directory. */
    public static GeoDatabases openDirectory(Path dir) throws GeoDatabaseException {
        if (!Files.isDirectory(dir)) throw new GeoDatabaseException(dir, "no such database directory", null);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".mmdb")).sorted().toList();
        } catch (IOException e) {
            throw new GeoDatabaseException(dir, "cannot list database directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new GeoDatabaseException(dir, "no .mmdb files in database directory", null);
        return openFiles(files);
    }

    /** Opens the given files, in this order of preference. */
    public static GeoDatabases openFiles(List<Path> files) throws GeoDatabaseException {
        List<GeoDatabase> opened = new ArrayList<>();
        try {
            for (Path file : files) opened.add(GeoDatabase.open(file));
        } catch (GeoDatabaseException e) {
            opened.forEach(GeoDatabase::close);
            throw e;
        }
        return new GeoDatabases(opened);
    }

    /**
     * The default database directory: {@code geodb/} in the current directory, else beside the
     * directory holding the cleanpath jar (the project root for {@code target/cleanpath.jar}).
     */
    public static Optional<Path> defaultDirectory() {
        Path here = Path.of(DEFAULT_DIRECTORY);
        if (Files.isDirectory(here)) return Optional.of(here);
        try {
            Path code = Path.of(GeoDatabases.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve(DEFAULT_DIRECTORY))) return Optional.of(root.resolve(DEFAULT_DIRECTORY));
        } catch (URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
            // No usable code location (an unusual class loader): only the current directory counts.
        }
        return Optional.empty();
    }

    /**
     * Fills the searched files' tables of the first 16 tree levels now, on the calling thread; else
     * the first lookups fill them. For {@code flows} and {@code analyze}, which open the databases on
     * a set-up thread while the packet loop starts: filled there, the tables no longer cost the
     * threads that attribute flows some 5 ms each while both cores are busy.
     *
     * @return these databases
     */
    public GeoDatabases withSearchTablesFilled() {
        databases.forEach(GeoDatabase::fillSearchTables);
        return this;
    }

    public List<GeoDatabase> databases() {
        return databases;
    }

    /** True when every database is searched directly (the ASN and Country layouts), none through MaxMind's readers. */
    public boolean allSearched() {
        return databases.stream().allMatch(GeoDatabase::searched);
    }

    /** Attributes one address: classifies it, and looks public addresses up in every database. */
    public Attribution lookup(IpAddress address) {
        return lookup(address, AddressClass.of(address));
    }

    /** As {@link #lookup(IpAddress)}, for a caller that has classified the address already. */
    public Attribution lookup(IpAddress address, AddressClass addressClass) {
        if (!addressClass.isPublic()) return Attribution.special(addressClass);
        if (byRecords == null) return answersFor(address, addressClass);
        long records;
        try {
            records = databases.size() == 2
                    ? GeoDatabase.recordOffsets(databases.get(0), databases.get(1), address)
                    : (long) databases.get(0).recordOffset(address) << 32 | 0xFFFF_FFFFL;
        } catch (IOException | RuntimeException e) {
            return answersFor(address, addressClass); // which names the damaged file
        }
        int slot = (int) ((records * 0x9E37_79B9_7F4A_7C15L) >>> (64 - RECORD_PAIR_BITS));
        RecordPair known = byRecords[slot];
        Attribution found;
        if (known != null && known.records() == records) {
            found = known.attribution();
        } else {
            found = answersFor(address, addressClass, records, true);
            if (found.error() != null) return found;
            byRecords[slot] = new RecordPair(records, found);
        }
        if (address.isIpv4()) rememberIpv4Block((int) (address.lo() >>> 16) & 0xFFFF, found);
        return found;
    }

    /**
     * The attribution of every address of the IPv4 block {@code top}.0.0/16, when that is known:
     * an address of the block was looked up, the block is public and each database answers all of
     * it with one record. Else null: look the address up.
     */
    Attribution ipv4Block(int top) {
        return ipv4Blocks == null ? null : ipv4Blocks[top & 0xFFFF];
    }

    private void rememberIpv4Block(int top, Attribution found) {
        if (ipv4Blocks[top] != null || !AddressClass.isPublicIpv4Block(top)) return;
        for (int i = 0; i < databases.size(); i++) {
            if (!databases.get(i).ipv4BlockIsOneRecord(top)) return;
        }
        ipv4Blocks[top] = found;
    }

    /** Asks every database in turn and merges their answers, the first answer for each field winning. */
    Attribution answersFor(IpAddress address, AddressClass addressClass) {
        return answersFor(address, addressClass, 0, false);
    }

    /**
     * As {@link #answersFor(IpAddress, AddressClass)}; when {@code walked}, {@code records} holds the
     * record offsets in the (one or two, searched) databases, and their trees are not walked again.
     */
    private Attribution answersFor(IpAddress address, AddressClass addressClass, long records, boolean walked) {
        Long asn = null;
        String org = null, country = null, registered = null, error = null;
        long answered = 0; // bit i: database i answered
        for (int i = 0; i < databases.size(); i++) {
            GeoDatabase db = databases.get(i);
            try {
                Optional<GeoDatabase.Answer> found = walked
                        ? db.answerAt(offsetIn(records, i))
                        : db.lookup(address);
                if (found.isEmpty()) continue;
                GeoDatabase.Answer a = found.get();
                boolean used = false;
                if (asn == null && a.asn() != null) {
                    asn = a.asn();
                    org = a.asOrg();
                    used = true;
                }
                if (country == null && a.country() != null) {
                    country = a.country();
                    used = true;
                }
                if (registered == null && a.registeredCountry() != null) {
                    registered = a.registeredCountry();
                    used = true;
                }
                if (used) answered |= 1L << Math.min(i, 63);
            } catch (IOException | RuntimeException e) {
                // A damaged database must not stop attribution: report it on this result and go on.
                String message = db.file() + ": damaged database: " + e.getMessage();
                error = error == null ? message : error + "; " + message;
            }
        }
        if (error != null) {
            return new Attribution(addressClass, asn, org, country, registered, sourcesOf(answered), error);
        }
        return shared(addressClass, asn, org, country, registered, answered);
    }

    /** The record offset of database {@code i} (0 or 1) in a pair packed as {@link #lookup} packs it. */
    private static int offsetIn(long records, int i) {
        return (int) (records >>> (i == 0 ? 32 : 0));
    }

    /**
     * One attribution per combination of answers, kept in a direct-mapped table: an address that
     * misses the attributor's table then allocates nothing, and the attributions the attributor
     * keeps are shared, so the garbage collector has a few thousand of them to copy instead of one
     * per recent address (its pauses, which stop the packet loop, were 82 ms against 28 ms without
     * attribution on the 2M-packet benchmark). Racing threads at worst build one twice.
     */
    private Attribution shared(AddressClass addressClass, Long asn, String org, String country, String registered,
                               long answered) {
        int h = addressClass.ordinal();
        h = h * 31 + Objects.hashCode(asn);
        h = h * 31 + Objects.hashCode(org);
        h = h * 31 + Objects.hashCode(country);
        h = h * 31 + Objects.hashCode(registered);
        h = h * 31 + Long.hashCode(answered);
        int slot = (h * 0x9E37_79B9) >>> (32 - SHARED_BITS);
        Attribution known = sharedAttributions[slot];
        if (known != null && known.addressClass() == addressClass && Objects.equals(known.asn(), asn)
                && Objects.equals(known.asOrg(), org) && Objects.equals(known.country(), country)
                && Objects.equals(known.registeredCountry(), registered) && known.sources() == sourcesOf(answered)) {
            return known;
        }
        Attribution made = new Attribution(addressClass, asn, org, country, registered, sourcesOf(answered), null);
        sharedAttributions[slot] = made;
        return made;
    }

    /**
     * The names of the databases that answered, one shared list per combination: every cached
     * attribution holds one, and a capture's tens of thousands of them need not each hold a copy.
     */
    private List<String> sourcesOf(long answered) {
        return answered < sourceLists.size() ? sourceLists.get((int) answered) : namesOf(answered);
    }

    private List<String> namesOf(long answered) {
        List<String> names = new ArrayList<>(2);
        for (int i = 0; i < databases.size(); i++) {
            // Past the 63rd database the mask is shared; such a directory is not a real set-up.
            if ((answered & (1L << Math.min(i, 63))) != 0) names.add(databases.get(i).file().getFileName().toString());
        }
        return List.copyOf(names);
    }

    @Override
    public void close() {
        databases.forEach(GeoDatabase::close);
    }
}
