package org.cleanpath.attribute.vendor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The shipped registry subset, indexed instead of loaded: one pass over its bytes finds each row's
 * registry, assignment and start, and a row's organization is read only when an address in its block
 * is looked up. Loading the subset whole (7,455 rows of CSV fields, strings and maps, and the
 * compiling of that code) took about 0.1 s of `analyze` on a small capture with real MAC addresses;
 * a capture names a handful of makers.
 *
 * <p>Answers as {@link OuiRegistry#load} would for the same file (a test compares them on every
 * block): longest prefix first, the first row of a block listed twice. The file is the project's own
 * ({@link OuiSubset} writes it, a test checks it), so a row this cannot read is a broken jar.
 * Immutable and thread-safe (rows read on demand are memoized racily, as immutable records).
 */
final class ShippedOuiIndex implements OuiRegistry.Blocks {
    /** Prefix lengths, longest first; MA-S and IAB blocks share the 36-bit one, as in {@link PrefixTable}. */
    private static final int[] BITS = {36, 28, 24};
    private static final int SEQUENCE_BITS = 20;

    private final byte[] text;
    private final String source;
    /** Per prefix length: the sorted prefixes, and for each the number of the row that listed it first. */
    private final long[][] prefixes = new long[BITS.length][];
    private final int[][] rows = new int[BITS.length][];
    /** Where each row starts in {@code text}. */
    private final int[] rowStarts;
    /** Rows read so far, by row number. */
    private final OuiRegistry.Block[] looked;

    ShippedOuiIndex(byte[] text, String source) {
        this.text = text;
        this.source = source;
        long[][] packed = new long[BITS.length][256];
        int[] counts = new int[BITS.length];
        int[] starts = new int[1024];
        int rowCount = 0;
        int at = 0;
        while (at < text.length) {
            int end = indexOf(text, (byte) '\n', at);
            int contentEnd = end > at && text[end - 1] == '\r' ? end - 1 : end;
            int comma = indexOf(text, (byte) ',', at);
            if (contentEnd > at && !(rowCount == 0 && startsWith(text, at, "Registry"))) {
                if (comma >= end) throw broken(at, "expected Registry,Assignment,Organization Name");
                Registry registry = registryOf(at, comma);
                int digits = registry.bits() / 4;
                int hexEnd = comma + 1 + digits;
                if (hexEnd >= end || text[hexEnd] != ',') throw broken(at, "expected " + digits + " hex digits");
                long prefix = 0;
                for (int i = comma + 1; i < hexEnd; i++) {
                    int d = Character.digit(text[i], 16);
                    if (d < 0) throw broken(at, "expected hex digits");
                    prefix = prefix << 4 | d;
                }
                if (rowCount == starts.length) starts = Arrays.copyOf(starts, rowCount * 2);
                starts[rowCount] = at;
                int length = lengthIndex(registry.bits());
                if (counts[length] == packed[length].length) packed[length] = Arrays.copyOf(packed[length], counts[length] * 2);
                packed[length][counts[length]++] = prefix << SEQUENCE_BITS | rowCount;
                rowCount++;
            }
            at = end + 1;
        }
        for (int i = 0; i < BITS.length; i++) {
            long[] p = Arrays.copyOf(packed[i], counts[i]);
            Arrays.sort(p); // by prefix, then by row: the first row of a block listed twice comes first
            long[] keys = new long[p.length];
            int[] rowsOf = new int[p.length];
            int n = 0;
            for (long v : p) {
                long prefix = v >>> SEQUENCE_BITS;
                if (n > 0 && keys[n - 1] == prefix) continue;
                keys[n] = prefix;
                rowsOf[n++] = (int) (v & ((1 << SEQUENCE_BITS) - 1));
            }
            prefixes[i] = Arrays.copyOf(keys, n);
            rows[i] = Arrays.copyOf(rowsOf, n);
        }
        this.rowStarts = Arrays.copyOf(starts, rowCount);
        this.looked = new OuiRegistry.Block[rowCount];
    }

    @Override
    public Optional<OuiRegistry.Block> longest(long mac48) {
        for (int i = 0; i < BITS.length; i++) {
            long prefix = mac48 >>> (48 - BITS[i]);
            int at = Arrays.binarySearch(prefixes[i], prefix);
            if (at >= 0) {
                OuiRegistry.Block row = row(rows[i][at]);
                return Optional.of(new OuiRegistry.Block(row.organization(), row.registry(), BITS[i], prefix));
            }
        }
        return Optional.empty();
    }

    @Override
    public int size() {
        int n = 0;
        for (long[] p : prefixes) n += p.length;
        return n;
    }

    /** A row's organization and registry (its prefix fields unused here). */
    private OuiRegistry.Block row(int row) {
        OuiRegistry.Block known = looked[row];
        if (known != null) return known;
        int start = rowStarts[row];
        int end = indexOf(text, (byte) '\n', start);
        String line = new String(text, start, end - start, StandardCharsets.UTF_8);
        List<IeeeCsv.Row> parsed;
        try {
            parsed = IeeeCsv.read(line, source);
        } catch (IOException e) {
            throw new UncheckedIOException("shipped table " + source + " unreadable at byte " + start, e);
        }
        List<String> fields = parsed.get(0).fields();
        String organization = fields.size() < 3 ? "" : fields.get(2).trim();
        if (organization.isEmpty()) throw broken(start, "expected an organization name");
        OuiRegistry.Block read = new OuiRegistry.Block(organization, registryOf(start, indexOf(text, (byte) ',', start)), 0, 0);
        looked[row] = read;
        return read;
    }

    private Registry registryOf(int start, int comma) {
        String label = new String(text, start, comma - start, StandardCharsets.US_ASCII).trim();
        return Registry.ofLabel(label).orElseThrow(() -> broken(start, "expected Registry MA-L, MA-M, MA-S or IAB, found \"" + label + "\""));
    }

    private static int lengthIndex(int bits) {
        for (int i = 0; i < BITS.length; i++) {
            if (BITS[i] == bits) return i;
        }
        throw new IllegalArgumentException("prefix length " + bits);
    }

    /** The first {@code b} at or after {@code from}, or the end of the text. */
    private static int indexOf(byte[] text, byte b, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == b) return i;
        }
        return text.length;
    }

    private static boolean startsWith(byte[] text, int at, String prefix) {
        if (at + prefix.length() > text.length) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (text[at + i] != prefix.charAt(i)) return false;
        }
        return true;
    }

    private IllegalStateException broken(int at, String expected) {
        return new IllegalStateException("shipped table " + source + " broken at byte " + at + ": " + expected);
    }
}
