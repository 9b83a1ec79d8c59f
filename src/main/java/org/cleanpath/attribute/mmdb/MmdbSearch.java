package org.cleanpath.attribute.mmdb;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MaxMind DB file's search tree and data section, read straight from a read-only mapping.
 *
 * <p>Hand-written for the per-flow path only, where a 2-second offline run meets some 60,000
 * distinct addresses: MaxMind's reader answers the same lookups, but its general decoder (reflection
 * constructors, per-lookup buffer and record objects) is several times more code for the JIT to
 * compile and run than this walk of at most 128 nodes plus a record decoded once per data offset.
 * Measured on the 2M-packet benchmark: see bench/RESULTS.md ("Attribution cost");
 * {@code LookupBenchmark} compares the two. Everything else (other layouts, validation at open)
 * still goes through MaxMind's readers, and a test checks both agree on 10,000 addresses.
 *
 * <p>Thread-safe: only absolute reads of the shared mapping.
 */
public final class MmdbSearch {
    /** Nested maps and arrays deeper than this are taken as a damaged (cyclic) data section. */
    private static final int MAX_DEPTH = 32;
    private static final int DATA_SEPARATOR = 16;

    private final ByteBuffer map;
    private final long nodeCount;
    private final int recordSize;
    private final int ipVersion;
    private final int dataStart;
    private final long ipv4Start;
    /**
     * Where the walk of an address's first 16 bits ends, per 16-bit prefix: for IPv4 (its /16s)
     * and for IPv6 (the top 16 bits). Most of the IPv4 space sits in blocks of /16 or larger (of
     * uniformly drawn addresses, 72 % end there in the embedded ASN file, 86 % in the country file),
     * and the rest skip the first 16 levels. Why: a walk is some twenty dependent reads spread over
     * a 10 MB tree, and in the analyzer, next to the flow table, those reads miss the cache (1.3 us
     * per walk measured, 0.2 us on its own).
     */
    private final TopSixteen ipv4Top = new TopSixteen(), ipv6Top = new TopSixteen();

    private MmdbSearch(ByteBuffer map, MmdbMetadata metadata) throws IOException {
        this.map = map;
        this.nodeCount = metadata.nodeCount();
        this.recordSize = metadata.recordSize();
        this.ipVersion = metadata.ipVersion();
        if (recordSize != 24 && recordSize != 28 && recordSize != 32) {
            throw new IOException("unsupported record size " + recordSize);
        }
        long treeSize = nodeCount * recordSize / 4;
        if (treeSize + DATA_SEPARATOR > map.capacity()) {
            throw new IOException("search tree (" + nodeCount + " nodes) larger than the file");
        }
        this.dataStart = (int) treeSize + DATA_SEPARATOR;
        long node = 0;
        if (ipVersion == 6) {
            // IPv4 addresses live under ::/96 in an IPv6 tree; find that subtree once.
            for (int i = 0; i < 96 && node < nodeCount; i++) node = record(node, 0);
        }
        this.ipv4Start = node;
    }

    /**
     * Maps a file for searching.
     *
     * @throws IOException when the file cannot be mapped or its tree does not fit it
     */
    public static MmdbSearch open(Path file, MmdbMetadata metadata) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) throw new IOException("file over 2 GiB");
            return new MmdbSearch(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()), metadata);
        }
    }

    /**
     * The data-section offset of the record for an address in the two-long layout (IPv4 as
     * {@code ::ffff:a.b.c.d}, looked up in the IPv4 subtree as MaxMind's reader does), or -1 when
     * the database has no record for it (also for IPv6 in an IPv4-only database).
     *
     * @throws IOException when the tree points outside the file
     */
    public int recordOffset(long hi, long lo) throws IOException {
        return recordOffset(hi, lo, true);
    }

    /**
     * Whether every address of the IPv4 block {@code top}.0.0/16 leads to the same record (or to
     * none): the walk of its first 16 bits ends at a leaf. Fills the 16-level table on first use,
     * as a lookup does.
     */
    public boolean ipv4BlockIsOneRecord(int top) {
        long end = ipv4Top.end(ipv4Start, top & 0xFFFF);
        return end >= nodeCount;
    }

    /**
     * Fills the tables of the first 16 levels now rather than on the first lookups (about 5 ms per
     * table, most of it the reads of a cold tree). A damaged pointer stops nothing here: the pass
     * leaves its part of the table unknown, and the lookups there walk from the root and report it.
     */
    public void fillTables() {
        topEnd(true, 0);
        if (ipVersion == 6) topEnd(false, 0);
    }

    /**
     * As {@link #recordOffset(long, long)}, walking every level from the root: for the probes that
     * check a file when it is opened. Through the tables of the first 16 levels, those probes filled
     * them on the thread that opens the file, before the first packet (about 5 ms per file, cold);
     * now the first lookup fills them, on a thread that attributes flows.
     */
    public int recordOffsetFromRoot(long hi, long lo) throws IOException {
        return recordOffset(hi, lo, false);
    }

    private int recordOffset(long hi, long lo, boolean fromTables) throws IOException {
        boolean ipv4 = isIpv4Mapped(hi, lo);
        if (!ipv4 && ipVersion == 4) return -1;
        long root = ipv4 ? ipv4Start : 0;
        int firstBit = ipv4 ? 31 : 127;
        int count = firstBit + 1;
        long known = fromTables ? topEnd(ipv4, top16(ipv4, hi, lo)) : -1;
        if (known >= 0) {
            root = known;
            firstBit -= 16;
            count -= 16;
        }
        // One call of walk, not one per family and per known or unknown top: the JIT inlines every
        // call site of it into the attribution path, and each copy lengthens the compile that
        // competes with the packet loop for a core in a short run.
        return offsetOfLeaf(walk(root, hi, lo, firstBit, count));
    }

    /**
     * The record offsets of one address in two files, as {@link #recordOffset(long, long)} gives each:
     * {@code first}'s in the high 32 bits, {@code second}'s in the low. The two walks go down together,
     * one level of each per step: their reads are independent, so the processor waits for both
     * files' cache misses at once instead of one after the other (a walk is bound by memory latency).
     * Where the tables of the first 16 levels do not know an address in both files, each is walked
     * on its own.
     *
     * @throws IOException when either tree points outside its file
     */
    public static long recordOffsets(MmdbSearch first, MmdbSearch second, long hi, long lo) throws IOException {
        boolean ipv4 = isIpv4Mapped(hi, lo);
        if (!ipv4 && (first.ipVersion == 4 || second.ipVersion == 4)) return pair(first, second, hi, lo);
        int top = top16(ipv4, hi, lo);
        long a = first.topEnd(ipv4, top), b = second.topEnd(ipv4, top);
        if (a < 0 || b < 0) return pair(first, second, hi, lo);
        int bit = ipv4 ? 15 : 111;
        for (int left = bit + 1; left > 0 && (a < first.nodeCount || b < second.nodeCount); left--, bit--) {
            int side = (int) ((bit >= 64 ? hi : lo) >>> (bit & 63)) & 1;
            if (a < first.nodeCount) a = first.record(a, side);
            if (b < second.nodeCount) b = second.record(b, side);
        }
        return (long) first.offsetOfLeaf(a) << 32 | second.offsetOfLeaf(b) & 0xFFFF_FFFFL;
    }

    private static long pair(MmdbSearch first, MmdbSearch second, long hi, long lo) throws IOException {
        return (long) first.recordOffset(hi, lo) << 32 | second.recordOffset(hi, lo) & 0xFFFF_FFFFL;
    }

    /** Whether an address in the two-long layout is IPv4 ({@code ::ffff:a.b.c.d}), searched in the IPv4 subtree. */
    private static boolean isIpv4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** The first 16 bits of the address within its family's subtree: an IPv4 address's /16, an IPv6 address's top. */
    private static int top16(boolean ipv4, long hi, long lo) {
        return ipv4 ? (int) (lo >>> 16) & 0xFFFF : (int) (hi >>> 48);
    }

    /** The end of the walk of the first 16 bits of the address family's subtree, or -1 when not known. */
    private long topEnd(boolean ipv4, int top) {
        return ipv4 ? ipv4Top.end(ipv4Start, top) : ipv6Top.end(0, top);
    }

    /** The data-section offset the walk's last node leads to, or -1 for no record. */
    private int offsetOfLeaf(long node) throws IOException {
        if (node == nodeCount) return -1;
        if (node < nodeCount) throw new IOException("search tree deeper than the address");
        long offset = node - nodeCount - DATA_SEPARATOR;
        if (offset < 0 || dataStart + offset >= map.capacity()) {
            throw new IOException("search tree points outside the data section (record " + node + ")");
        }
        return (int) offset;
    }

    /**
     * The ends of the 16-bit walks under one root, plus one (0: not known, where a damaged pointer
     * stopped the pass; lookups there walk from the root and report it). Filled by one pass over the
     * top of the tree on first use (at most 131,071 nodes, a few milliseconds on a writer thread, not
     * the packet loop); a thread racing that pass waits for it.
     */
    private final class TopSixteen {
        private final int[] ends = new int[1 << 16];
        private volatile boolean filled;

        /**
         * The node (or leaf) the walk from {@code root} along the 16 bits {@code top} reaches, or -1
         * when the table does not know it (a damaged pointer there): the caller walks from the root.
         */
        long end(long root, int top) {
            if (!filled) fill(root);
            return ends[top] - 1L;
        }

        private synchronized void fill(long root) {
            if (!filled) {
                fill(root, 0, 0);
                filled = true;
            }
        }

        private void fill(long node, int depth, int prefix) {
            if (depth == 16 || node >= nodeCount) {
                if (node >= Integer.MAX_VALUE) return; // a damaged pointer: lookups walk and report it
                Arrays.fill(ends, prefix << (16 - depth), (prefix + 1) << (16 - depth), (int) node + 1);
                return;
            }
            fill(record(node, 0), depth + 1, prefix << 1);
            fill(record(node, 1), depth + 1, (prefix << 1) | 1);
        }
    }

    /** Follows up to {@code count} address bits from bit {@code firstBit} down (127 = the top bit of hi). */
    private long walk(long node, long hi, long lo, int firstBit, int count) {
        for (int bit = firstBit; bit > firstBit - count && node < nodeCount; bit--) {
            long word = bit >= 64 ? hi : lo;
            node = record(node, (int) (word >>> (bit & 63)) & 1);
        }
        return node;
    }

    private long record(long node, int side) {
        switch (recordSize) {
            case 24 -> {
                // One 4-byte read: a node is never the last thing in the file (the data section's
                // separator follows the tree), so the byte after its record is there to read.
                int at = (int) (node * 6 + side * 3);
                return map.getInt(at) >>> 8;
            }
            case 28 -> {
                int at = (int) (node * 7);
                int middle = map.get(at + 3) & 0xFF;
                return side == 0
                        ? ((long) (middle & 0xF0) << 20) | uint(at, 3)
                        : ((long) (middle & 0x0F) << 24) | uint(at + 4, 3);
            }
            default -> {
                int at = (int) (node * 8 + side * 4);
                return map.getInt(at) & 0xFFFF_FFFFL;
            }
        }
    }

    private long uint(int at, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) v = (v << 8) | (map.get(at + i) & 0xFF);
        return v;
    }

    /**
     * Decodes the value at a data-section offset: maps as {@code Map<String, Object>}, arrays as
     * lists, strings, unsigned integers as {@code Long} (128-bit as {@code BigInteger}), doubles,
     * floats, booleans and byte arrays.
     *
     * @throws IOException when the data section is damaged there
     */
    public Object decode(int offset) throws IOException {
        try {
            return new Cursor(offset).value(0);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("data section ends inside the record at offset " + offset, e);
        }
    }

    /** A read position in the data section; one per decode, so the mapping itself is never moved. */
    private final class Cursor {
        private int at;

        Cursor(int offset) {
            this.at = dataStart + offset;
        }

        Object value(int depth) throws IOException {
            if (depth > MAX_DEPTH) throw new IOException("data nested deeper than " + MAX_DEPTH + " (a pointer loop?)");
            int control = next();
            int type = control >>> 5;
            if (type == 1) {
                int target = pointer(control);
                int resume = at;
                at = dataStart + target;
                Object v = value(depth + 1);
                at = resume;
                return v;
            }
            if (type == 0) type = 7 + next();
            int size = control & 0x1F;
            if (size >= 29) {
                size = switch (size) {
                    case 29 -> 29 + next();
                    case 30 -> 285 + (int) read(2);
                    default -> 65_821 + (int) read(3);
                };
            }
            return switch (type) {
                case 2 -> {
                    byte[] b = bytes(size);
                    yield new String(b, StandardCharsets.UTF_8);
                }
                case 3 -> Double.longBitsToDouble(read(8));
                case 4 -> bytes(size);
                case 5, 6, 9 -> {
                    if (size > 8) throw new IOException("integer of " + size + " bytes");
                    yield read(size);
                }
                case 8 -> (long) (int) read(size);
                case 10 -> new BigInteger(1, bytes(size));
                case 7 -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) {
                        if (!(value(depth + 1) instanceof String key)) throw new IOException("map key is not a string");
                        m.put(key, value(depth + 1));
                    }
                    yield m;
                }
                case 11 -> {
                    List<Object> l = new ArrayList<>(Math.min(size, 64));
                    for (int i = 0; i < size; i++) l.add(value(depth + 1));
                    yield l;
                }
                case 14 -> size != 0;
                case 15 -> Float.intBitsToFloat((int) read(4));
                default -> throw new IOException("unknown data type " + type + " at " + (at - dataStart));
            };
        }

        private int pointer(int control) throws IOException {
            int size = (control >>> 3) & 0x3;
            int low = control & 0x7;
            long p = switch (size) {
                case 0 -> ((long) low << 8) | read(1);
                case 1 -> (((long) low << 16) | read(2)) + 2048;
                case 2 -> (((long) low << 24) | read(3)) + 526_336;
                default -> read(4);
            };
            if (dataStart + p >= map.capacity()) throw new IOException("pointer " + p + " outside the data section");
            return (int) p;
        }

        private int next() {
            return map.get(at++) & 0xFF;
        }

        private long read(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v = (v << 8) | next();
            return v;
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            map.get(at, b);
            at += n;
            return b;
        }
    }
}
