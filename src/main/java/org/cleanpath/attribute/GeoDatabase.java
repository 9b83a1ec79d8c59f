package org.cleanpath.attribute;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.EnterpriseResponse;
import com.maxmind.geoip2.model.IspResponse;
import com.maxmind.geoip2.record.Country;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cleanpath.attribute.mmdb.MmdbMetadata;
import org.cleanpath.attribute.mmdb.MmdbSearch;

/**
 * One opened MaxMind DB file, read with the GeoIP2 reader that suits its {@code database_type}
 * (ASN, Country, City, ISP, Enterprise), or generically for other layouts (DB-IP lite,
 * ip-location-db) with flat {@code country_code} / {@code autonomous_system_number} keys.
 * Immutable and thread-safe, like the readers it wraps.
 */
public final class GeoDatabase implements Closeable {
    /** Decoded records kept per database: ample for the distinct AS and country records a capture meets. */
    /** Decoded-record slots: 64k, as a capture of a few million packets meets tens of thousands of AS records. */
    private static final int RECORD_CACHE_BITS = 16;
    private static final int RECORD_CACHE = 1 << RECORD_CACHE_BITS;

    /** Which reader serves the file. */
    public enum Kind { ASN, COUNTRY, CITY, ISP, ENTERPRISE, GENERIC }

    /** The part of an {@link Attribution} one database can give; null fields are unknown. */
    public record Answer(Long asn, String asOrg, String country, String registeredCountry) {}

    private final Path file;
    private final MmdbMetadata metadata;
    private final Kind kind;
    /** The per-flow path for the ASN and Country layouts; null for the others. */
    private final MmdbSearch search;
    /** MaxMind's readers: opened at once for the layouts they serve, on first use for the others. */
    private MaxMindReaders maxMind;
    /**
     * Answers by data-section offset, direct-mapped: the many addresses of one AS or country share
     * one record, so it is decoded once. A slot holds one immutable entry, replaced on a collision;
     * racing threads at worst decode a record twice.
     */
    private final DecodedRecord[] answers = new DecodedRecord[RECORD_CACHE];

    private static final class DecodedRecord {
        final int offset;
        final Optional<Answer> answerIfAny;

        DecodedRecord(int offset, Answer answer) {
            this.offset = offset;
            this.answerIfAny = Optional.of(answer);
        }
    }

    /** GeoIP2's reader for the full models and the plain reader for the ASN/Country/generic fields. */
    private record MaxMindReaders(DatabaseReader geoip, Reader plain) {
        static MaxMindReaders open(Path file, Kind kind) throws IOException {
            Reader plain = new Reader(file.toFile(), new CHMCache(RECORD_CACHE));
            return new MaxMindReaders(kind == Kind.GENERIC ? null
                    : new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache(RECORD_CACHE)).build(), plain);
        }

        void close() throws IOException {
            if (geoip != null) geoip.close();
            plain.close();
        }
    }

    private GeoDatabase(Path file, MmdbMetadata metadata, Kind kind, MmdbSearch search, MaxMindReaders maxMind) {
        this.file = file;
        this.metadata = metadata;
        this.kind = kind;
        this.search = search;
        this.maxMind = maxMind;
    }

    /**
     * Opens a file and checks it answers probe lookups.
     *
     * @throws GeoDatabaseException naming the file when it is missing, unreadable or damaged
     */
    public static GeoDatabase open(Path file) throws GeoDatabaseException {
        if (!Files.exists(file)) throw new GeoDatabaseException(file, "no such database file", null);
        if (Files.isDirectory(file)) throw new GeoDatabaseException(file, "is a directory, not a database file", null);
        if (!Files.isReadable(file)) throw new GeoDatabaseException(file, "cannot read database file (permission denied)", null);
        MmdbMetadata metadata;
        try {
            metadata = MmdbMetadata.read(file);
        } catch (NoSuchFileException e) {
            throw new GeoDatabaseException(file, "no such database file", e);
        } catch (AccessDeniedException e) {
            throw new GeoDatabaseException(file, "cannot read database file (permission denied)", e);
        } catch (IOException e) {
            throw new GeoDatabaseException(file, "not a valid MaxMind DB file: " + e.getMessage(), e);
        }
        Kind kind = kindOf(metadata.databaseType());
        GeoDatabase db;
        try {
            // ASN and Country answers come from MmdbSearch (see lookup); MaxMind's readers serve the
            // other layouts. Not opening them for the two searched layouts keeps a short run's start
            // free of their class loading.
            db = kind == Kind.ASN || kind == Kind.COUNTRY
                    ? new GeoDatabase(file, metadata, kind, MmdbSearch.open(file, metadata), null)
                    : new GeoDatabase(file, metadata, kind, null, MaxMindReaders.open(file, kind));
        } catch (IOException | RuntimeException e) {
            throw new GeoDatabaseException(file, "not a valid MaxMind DB file: " + e.getMessage(), e);
        }
        try {
            // A damaged tree or data section shows on first use; fail at startup rather than mid-run.
            for (String probe : new String[] {"1.1.1.1", "8.8.8.8", "2001:4860:4860::8888"}) {
                db.probe(IpAddress.parse(probe));
            }
        } catch (IOException | RuntimeException e) {
            db.close();
            throw new GeoDatabaseException(file, "damaged database: " + e.getMessage(), e);
        }
        return db;
    }

    /**
     * GeoIP2 and GeoLite2 types by their MaxMind names, also as {@code (compat=GeoLite2-ASN)} the way
     * DB-IP marks its compatible files; anything else is read generically.
     */
    static Kind kindOf(String databaseType) {
        if (!databaseType.contains("GeoIP2-") && !databaseType.contains("GeoLite2-")) return Kind.GENERIC;
        if (databaseType.contains("-ASN")) return Kind.ASN;
        if (databaseType.contains("-ISP")) return Kind.ISP;
        if (databaseType.contains("Enterprise")) return Kind.ENTERPRISE;
        if (databaseType.contains("City")) return Kind.CITY;
        if (databaseType.contains("Country")) return Kind.COUNTRY;
        return Kind.GENERIC;
    }

    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }

    /** True when lookups are served by the search of the mapped file rather than MaxMind's readers. */
    public boolean searched() {
        return search != null;
    }

    public MmdbMetadata metadata() {
        return metadata;
    }

    /**
     * Looks one address up.
     *
     * @return empty when the database has no record for the address
     * @throws IOException when the database is damaged ({@code InvalidDatabaseException})
     */
    public Optional<Answer> lookup(IpAddress address) throws IOException {
        if (search == null) return lookup(address.toInetAddress());
        return answerAt(search.recordOffset(address.hi(), address.lo()));
    }

    /** As {@link #lookup(IpAddress)}, for the probes at open: a searched file is walked from its root. */
    private void probe(IpAddress address) throws IOException {
        if (search == null) {
            lookup(address.toInetAddress());
        } else {
            answerAt(search.recordOffsetFromRoot(address.hi(), address.lo()));
        }
    }

    /**
     * The answer of the record at a data-section offset that {@link #recordOffset} gave (empty for
     * -1); for the searched layouts only.
     *
     * @throws IOException when the data section is damaged there
     */
    Optional<Answer> answerAt(int offset) throws IOException {
        if (offset < 0) return Optional.empty();
        int slot = (offset * 0x9E37_79B9) >>> (32 - RECORD_CACHE_BITS);
        DecodedRecord known = answers[slot];
        return known != null && known.offset == offset ? known.answerIfAny : decodeAt(offset, slot);
    }

    /**
     * The record at an offset, decoded and kept. Apart from {@link #answerAt}, so that the JIT
     * compiles the generic decoder (maps, strings, recursion), which runs once per record a run
     * meets, apart from the probe that runs for every address.
     */
    private Optional<Answer> decodeAt(int offset, int slot) throws IOException {
        DecodedRecord decoded = new DecodedRecord(offset, answerOf(search.decode(offset)));
        answers[slot] = decoded;
        return decoded.answerIfAny;
    }

    /**
     * The data-section offset of the address's record, or -1 when there is none; for the searched
     * layouts only. Equal offsets give equal answers.
     *
     * @throws IOException when the search tree is damaged
     */
    int recordOffset(IpAddress address) throws IOException {
        return search.recordOffset(address.hi(), address.lo());
    }

    /**
     * The record offsets of one address in two searched files, packed as
     * {@link MmdbSearch#recordOffsets} packs them.
     *
     * @throws IOException when either search tree is damaged
     */
    static long recordOffsets(GeoDatabase first, GeoDatabase second, IpAddress address) throws IOException {
        return MmdbSearch.recordOffsets(first.search, second.search, address.hi(), address.lo());
    }

    /** Fills a searched file's tables of the first 16 tree levels ({@link MmdbSearch#fillTables}). */
    void fillSearchTables() {
        if (search != null) search.fillTables();
    }

    /** As {@link MmdbSearch#ipv4BlockIsOneRecord}; false for the layouts MaxMind's readers serve. */
    boolean ipv4BlockIsOneRecord(int top) {
        return search != null && search.ipv4BlockIsOneRecord(top);
    }

    private Answer answerOf(Object record) throws IOException {
        if (!(record instanceof Map<?, ?> m)) throw new IOException("record is not a map");
        return switch (kind) {
            case ASN -> new Answer(m.get("autonomous_system_number") instanceof Long n ? n : null,
                    m.get("autonomous_system_organization") instanceof String org ? org : null, null, null);
            default -> new Answer(null, null, isoIn(m.get("country")), isoIn(m.get("registered_country")));
        };
    }

    private static String isoIn(Object country) {
        return country instanceof Map<?, ?> c && c.get("iso_code") instanceof String iso ? iso : null;
    }

    /**
     * Looks one address up through MaxMind's readers.
     *
     * @return empty when the database has no record for the address
     * @throws IOException when the database is damaged ({@code InvalidDatabaseException})
     */
    public Optional<Answer> lookup(InetAddress address) throws IOException {
        if (search != null) return lookup(IpAddress.of(address));
        return maxMindAnswer(address);
    }

    private synchronized MaxMindReaders maxMind() throws IOException {
        if (maxMind == null) maxMind = MaxMindReaders.open(file, kind);
        return maxMind;
    }

    /** The answer MaxMind's own reader gives (for every layout; the reference for the searched ones). */
    private Optional<Answer> maxMindAnswer(InetAddress address) throws IOException {
        MaxMindReaders readers = maxMind();
        Reader generic = readers.plain();
        DatabaseReader geoip = readers.geoip();
        try {
            return switch (kind) {
                case ASN -> Optional.ofNullable(generic.get(address, AsnFields.class))
                        .map(r -> new Answer(r.asn, r.org, null, null));
                case COUNTRY -> Optional.ofNullable(generic.get(address, CountryFields.class))
                        .map(r -> new Answer(null, null, r.country == null ? null : r.country.isoCode,
                                r.registered == null ? null : r.registered.isoCode));
                case ISP -> geoip.tryIsp(address).map(GeoDatabase::answer);
                case CITY -> geoip.tryCity(address).map(GeoDatabase::answer);
                case ENTERPRISE -> geoip.tryEnterprise(address).map(GeoDatabase::answer);
                case GENERIC -> genericLookup(generic, address);
            };
        } catch (GeoIp2Exception e) {
            throw new IOException(e.getMessage(), e);
        } catch (StackOverflowError e) {
            // MaxMind's decoder follows data pointers without a depth limit, so a damaged file whose
            // pointers form a loop recurses until the stack runs out (found by GeoDatabaseFuzzTest).
            // The recursion has fully unwound here; report the file as damaged like any other damage.
            throw new IOException("data pointers form a loop", e);
        }
    }

    /** The fields of a GeoLite2-ASN record we use. */
    public static final class AsnFields {
        final Long asn;
        final String org;

        @MaxMindDbConstructor
        public AsnFields(@MaxMindDbParameter(name = "autonomous_system_number") Long asn,
                         @MaxMindDbParameter(name = "autonomous_system_organization") String org) {
            this.asn = asn;
            this.org = org;
        }
    }

    /** The fields of a GeoLite2-Country record we use. */
    public static final class CountryFields {
        final IsoCode country;
        final IsoCode registered;

        @MaxMindDbConstructor
        public CountryFields(@MaxMindDbParameter(name = "country") IsoCode country,
                             @MaxMindDbParameter(name = "registered_country") IsoCode registered) {
            this.country = country;
            this.registered = registered;
        }
    }

    /** A country map's ISO code. */
    public static final class IsoCode {
        final String isoCode;

        @MaxMindDbConstructor
        public IsoCode(@MaxMindDbParameter(name = "iso_code") String isoCode) {
            this.isoCode = isoCode;
        }
    }

    private static Answer answer(AsnResponse r) {
        return new Answer(r.getAutonomousSystemNumber(), r.getAutonomousSystemOrganization(), null, null);
    }

    private static Answer answer(IspResponse r) {
        return new Answer(r.getAutonomousSystemNumber(), r.getAutonomousSystemOrganization(), null, null);
    }

    private static Answer answer(AbstractCountryResponse r) {
        return new Answer(null, null, iso(r.getCountry()), iso(r.getRegisteredCountry()));
    }

    private static Answer answer(EnterpriseResponse r) {
        return new Answer(r.getTraits().getAutonomousSystemNumber(), r.getTraits().getAutonomousSystemOrganization(),
                iso(r.getCountry()), iso(r.getRegisteredCountry()));
    }

    private static String iso(Country country) {
        return country == null ? null : country.getIsoCode();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Answer> genericLookup(Reader generic, InetAddress address) throws IOException {
        Map<String, Object> record = generic.get(address, Map.class);
        if (record == null) return Optional.empty();
        Long asn = record.get("autonomous_system_number") instanceof Number n ? n.longValue()
                : record.get("asn") instanceof Number n2 ? n2.longValue() : null;
        String org = text(record.get("autonomous_system_organization"));
        String country = isoOf(record, "country_code", "country");
        String registered = isoOf(record, "registered_country_code", "registered_country");
        return Optional.of(new Answer(asn, org, country, registered));
    }

    /** A flat code ({@code country_code: "DE"}) or a GeoIP2-style map ({@code country: {iso_code: "DE"}}). */
    private static String isoOf(Map<String, Object> record, String flatKey, String mapKey) {
        String flat = text(record.get(flatKey));
        if (flat != null) return flat;
        Object nested = record.get(mapKey);
        if (nested instanceof Map<?, ?> m) return text(m.get("iso_code"));
        return text(nested);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    @Override
    public synchronized void close() {
        try {
            if (maxMind != null) maxMind.close();
        } catch (IOException ignored) {
            // Closing a read-only mapping cannot lose data.
        }
    }

    @Override
    public String toString() {
        return file.getFileName() + " (" + metadata.databaseType() + ")";
    }
}
